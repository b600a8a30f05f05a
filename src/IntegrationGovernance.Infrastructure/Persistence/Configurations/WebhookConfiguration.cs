using IntegrationGovernance.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TargetUrl).HasMaxLength(2000);
        builder.Property(s => s.ProtectedSecret).HasMaxLength(1000);
        builder.Property(s => s.PreviousProtectedSecret).HasMaxLength(1000);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.PausedReason).HasMaxLength(500);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasIndex(s => s.OrganisationId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Resource).HasMaxLength(63);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.OwnsMany(d => d.Attempts, attempt => attempt.ToJson());
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.SubscriptionId, d.Id });
    }
}

internal sealed class WebhookDeliveryLeaseConfiguration : IEntityTypeConfiguration<WebhookDeliveryLease>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryLease> builder)
    {
        builder.ToTable("webhook_delivery_leases");
        builder.HasKey(l => l.SubscriptionId);
        builder.HasOne<WebhookSubscription>().WithOne().HasForeignKey<WebhookDeliveryLease>(l => l.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

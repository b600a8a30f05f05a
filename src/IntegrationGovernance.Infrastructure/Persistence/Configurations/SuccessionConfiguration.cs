using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

internal sealed class SuccessionConfiguration : IEntityTypeConfiguration<Succession>
{
    public void Configure(EntityTypeBuilder<Succession> builder)
    {
        builder.ToTable("successions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.Note).HasMaxLength(2000);
        builder.HasMany(s => s.Parties).WithOne().HasForeignKey(p => p.SuccessionId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Parties).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(s => s.Transfers).AsJsonColumn();
        // "successions of these organisations", asked on every agreement write (AgreementTransfers): an array overlap
        builder.HasIndex(s => s.PredecessorIds).HasMethod("gin");
    }
}

internal sealed class SuccessionPartyConfiguration : IEntityTypeConfiguration<SuccessionParty>
{
    public void Configure(EntityTypeBuilder<SuccessionParty> builder)
    {
        builder.ToTable("succession_parties");
        builder.HasKey(p => new { p.SuccessionId, p.OrganisationId });
        builder.Property(p => p.Side).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // chains are walked from an organisation along one side
        builder.HasIndex(p => new { p.OrganisationId, p.Side });
    }
}

using IntegrationGovernance.Domain.Agreements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

/// <summary>
/// One row per agreement: its parties, approvals, status history, variations and documents are JSON columns
/// of that row, so each revision the record-keeping trigger stores holds the whole agreement as it stood.
/// </summary>
internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.ToTable("agreements", t =>
        {
            t.HasCheckConstraint("ck_agreements_term", "ends_on IS NULL OR ends_on >= commences_on");
            t.HasCheckConstraint("ck_agreements_review", "review_on IS NULL OR review_on >= commences_on");
        });
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Reference).HasMaxLength(50);
        builder.Property(a => a.Title).HasMaxLength(AgreementRules.MaxTitleLength);
        builder.Property(a => a.Purpose).HasMaxLength(AgreementRules.MaxPurposeLength);
        builder.Property(a => a.Basis).HasConversion<string>().HasMaxLength(60);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(a => a.Flexibilities).ElementType(e => e.HasConversion<string>());
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsMany(a => a.Parties, party =>
        {
            party.ToJson();
            party.Property(p => p.Role).HasConversion<string>();
        });
        builder.OwnsMany(a => a.Approvals, approval =>
        {
            approval.ToJson();
            approval.Property(p => p.Outcome).HasConversion<string>();
        });
        builder.OwnsMany(a => a.StatusChanges, change =>
        {
            change.ToJson();
            change.Property(c => c.Status).HasConversion<string>();
        });
        builder.OwnsMany(a => a.Variations, variation => variation.ToJson());
        builder.OwnsMany(a => a.Documents, document => document.ToJson());

        builder.HasIndex(a => a.Reference).IsUnique().HasDatabaseName("ux_agreements_reference");
        // "agreements of these organisations" is an array overlap (&&), which a GIN index serves
        builder.HasIndex(a => a.PartyIds).HasMethod("gin");
        builder.HasIndex(a => a.ParentId);
        builder.HasIndex(a => new { a.CommencesOn, a.EndsOn });
    }
}

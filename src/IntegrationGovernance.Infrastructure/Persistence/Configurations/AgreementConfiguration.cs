using IntegrationGovernance.Domain.Agreements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

/// <summary>
/// One row per agreement: its parties, approvals, status history, variations, notices, documents and periods are
/// JSON columns of that row, so each revision the record-keeping trigger stores holds the whole agreement as it
/// stood. The legal questions read the periods from <c>agreement_terms</c> (see <see cref="AgreementTermRowConfiguration"/>).
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

        builder.Property(a => a.Parties).AsJsonColumn();
        builder.Property(a => a.Approvals).AsJsonColumn();
        builder.Property(a => a.StatusChanges).AsJsonColumn();
        builder.Property(a => a.Variations).AsJsonColumn();
        builder.Property(a => a.Notices).AsJsonColumn();
        builder.Property(a => a.Documents).AsJsonColumn();
        // expanded into agreement_terms rows by the agreements_terms_kept trigger, in the same transaction
        builder.Property(a => a.Terms).AsJsonColumn();

        builder.HasIndex(a => a.Reference).IsUnique().HasDatabaseName("ux_agreements_reference");
        // "agreements of these organisations" is an array overlap (&&), which a GIN index serves
        builder.HasIndex(a => a.PartyIds).HasMethod("gin");
        builder.HasIndex(a => a.ParentId);
        builder.HasIndex(a => new { a.CommencesOn, a.EndsOn });
    }
}

internal sealed class AgreementTermRowConfiguration : IEntityTypeConfiguration<Agreements.AgreementTermRow>
{
    public void Configure(EntityTypeBuilder<Agreements.AgreementTermRow> builder)
    {
        builder.ToTable("agreement_terms");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.Reference).HasMaxLength(50);
        builder.Property(t => t.Basis).HasConversion<string>().HasMaxLength(60);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Agreement>().WithMany().HasForeignKey(t => t.AgreementId).OnDelete(DeleteBehavior.Restrict);

        // the rows in force now: every legal question about the present reads only these
        builder.HasIndex(t => t.Valid).HasMethod("gist").HasFilter("superseded_in IS NULL").HasDatabaseName("ix_agreement_terms_valid");
        builder.HasIndex(t => t.PartyIds).HasMethod("gin").HasFilter("superseded_in IS NULL").HasDatabaseName("ix_agreement_terms_party_ids");
        builder.HasIndex(t => t.EndsOn).HasFilter("superseded_in IS NULL").HasDatabaseName("ix_agreement_terms_ends_on");
        builder.HasIndex(t => t.ReviewOn).HasFilter("superseded_in IS NULL").HasDatabaseName("ix_agreement_terms_review_on");
        builder.HasIndex(t => t.Reference).HasFilter("superseded_in IS NULL").HasDatabaseName("ix_agreement_terms_reference");
        // one agreement's rows at a revision: the onDate view and "as the register stood at"
        builder.HasIndex(t => new { t.AgreementId, t.RecordedIn });
    }
}

internal sealed class AgreementPartyTermRowConfiguration : IEntityTypeConfiguration<Agreements.AgreementPartyTermRow>
{
    public void Configure(EntityTypeBuilder<Agreements.AgreementPartyTermRow> builder)
    {
        builder.ToTable("agreement_party_terms");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.Reference).HasMaxLength(50);
        builder.Property(t => t.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Agreement>().WithMany().HasForeignKey(t => t.AgreementId).OnDelete(DeleteBehavior.Restrict);

        // an organisation's agreements in reference order, the day and activity read from the index itself
        builder.HasIndex(t => new { t.OrganisationId, t.Reference })
            .IncludeProperties(t => new { t.Valid, t.Active, t.Role, t.AgreementId })
            .HasFilter("superseded_in IS NULL").HasDatabaseName("ix_agreement_party_terms_organisation_reference");
        builder.HasIndex(t => new { t.AgreementId, t.RecordedIn });
    }
}

internal sealed class AgreementSearchRowConfiguration : IEntityTypeConfiguration<Agreements.AgreementSearchRow>
{
    public void Configure(EntityTypeBuilder<Agreements.AgreementSearchRow> builder)
    {
        builder.ToTable("agreement_search");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.Reference).HasMaxLength(50);
        builder.HasOne<Agreement>().WithMany().HasForeignKey(t => t.AgreementId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(t => t.Document).HasMethod("gin").HasDatabaseName("ix_agreement_search_document");
        builder.HasIndex(t => new { t.AgreementId, t.RecordedIn });
    }
}

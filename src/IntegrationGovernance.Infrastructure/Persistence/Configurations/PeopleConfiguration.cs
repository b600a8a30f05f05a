using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.ToTable("posts", t => t.HasCheckConstraint("ck_posts_dates", "ends_on IS NULL OR ends_on >= starts_on"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Team).HasMaxLength(200);
        builder.Property(p => p.Version).IsRowVersion();
        builder.Ignore(p => p.Period);
        builder.Ignore(p => p.FirstHolder); // recorded as the post's first holding (post_holdings), never on the post
        builder.Ignore(p => p.Titles);
        // NULL for posts recorded before titles were dated (and in their older revisions): their title holds throughout
        builder.Property(p => p.DatedTitles!).HasColumnName("titles").AsJsonColumn().IsRequired(false);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.OrganisationId);
    }
}

internal sealed class AccountabilityLineConfiguration : IEntityTypeConfiguration<AccountabilityLine>
{
    public void Configure(EntityTypeBuilder<AccountabilityLine> builder)
    {
        builder.ToTable("accountability_lines", t =>
        {
            t.HasCheckConstraint("ck_accountability_lines_dates", "ends_on IS NULL OR ends_on >= starts_on");
            t.HasCheckConstraint("ck_accountability_lines_target", "(to_post_id IS NULL) <> (to_body_id IS NULL)");
            t.HasCheckConstraint("ck_accountability_lines_source", "(post_id IS NULL) <> (from_body_id IS NULL)");
        });
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(l => l.Version).IsRowVersion();
        builder.Ignore(l => l.Period);
        builder.Ignore(l => l.From);
        builder.Ignore(l => l.To);
        builder.HasOne<Post>().WithMany().HasForeignKey(l => l.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(l => l.FromBodyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Post>().WithMany().HasForeignKey(l => l.ToPostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(l => l.ToBodyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agreement>().WithMany().HasForeignKey(l => l.BasisAgreementId).OnDelete(DeleteBehavior.Restrict);
        // chains are walked upwards from a post, reports downwards to one
        builder.HasIndex(l => new { l.PostId, l.Kind });
        builder.HasIndex(l => new { l.ToPostId, l.Kind });
        // a board's lines, both ways: its reporting chain, and the boards' lines of an organisation's structure
        builder.HasIndex(l => new { l.FromBodyId, l.Kind });
        builder.HasIndex(l => new { l.ToBodyId, l.Kind });
    }
}

internal sealed class PostHoldingConfiguration : IEntityTypeConfiguration<PostHolding>
{
    public void Configure(EntityTypeBuilder<PostHolding> builder)
    {
        builder.ToTable("post_holdings", t =>
        {
            t.HasCheckConstraint("ck_post_holdings_dates", "ends_on IS NULL OR ends_on >= starts_on");
            t.HasCheckConstraint("ck_post_holdings_returns_to", "returns_to_post_id IS NULL OR (kind = 'Acting' AND returns_to_post_id <> post_id)");
        });
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.HolderReference).HasMaxLength(200);
        builder.Property(h => h.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.Version).IsRowVersion();
        builder.Ignore(h => h.Period);
        builder.Ignore(h => h.Covers);
        builder.Ignore(h => h.ReturnsOn);
        builder.HasOne<Post>().WithMany().HasForeignKey(h => h.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Post>().WithMany().HasForeignKey(h => h.ReturnsToPostId).OnDelete(DeleteBehavior.Restrict);
        // a post's holders in date order (its list, and the holder on a day)
        builder.HasIndex(h => new { h.PostId, h.StartsOn });
    }
}

internal sealed class JointArrangementConfiguration : IEntityTypeConfiguration<JointArrangement>
{
    public void Configure(EntityTypeBuilder<JointArrangement> builder)
    {
        builder.ToTable("joint_arrangements", t => t.HasCheckConstraint("ck_joint_arrangements_dates", "ends_on IS NULL OR ends_on >= starts_on"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Version).IsRowVersion();
        builder.Ignore(a => a.Period);
        builder.HasOne<Post>().WithMany().HasForeignKey(a => a.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agreement>().WithMany().HasForeignKey(a => a.BasisAgreementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.PostId);
        // the joint posts an organisation's structure takes in
        builder.HasIndex(a => new { a.OrganisationId, a.StartsOn });
    }
}

internal sealed class SecondmentConfiguration : IEntityTypeConfiguration<Secondment>
{
    public void Configure(EntityTypeBuilder<Secondment> builder)
    {
        builder.ToTable("secondments", t => t.HasCheckConstraint("ck_secondments_dates", "ends_on IS NULL OR ends_on >= starts_on"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.HolderReference).HasMaxLength(200);
        builder.Property(s => s.Fte).HasPrecision(3, 2);
        builder.Property(s => s.RechargePerYear).HasPrecision(19, 2);
        builder.Property(s => s.RechargePercent).HasPrecision(5, 2);
        builder.Property(s => s.TermsAndConditionsKeptBy).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ProfessionalSupervisionKeptBy).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.EmployerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.HostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agreement>().WithMany().HasForeignKey(s => s.AgreementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Post>().WithMany().HasForeignKey(s => s.HostPostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.EmployerId);
        builder.HasIndex(s => s.HostId);
        builder.HasIndex(s => s.AgreementId);
    }
}

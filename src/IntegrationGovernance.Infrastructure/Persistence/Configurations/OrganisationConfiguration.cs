using IntegrationGovernance.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations", t =>
            t.HasCheckConstraint("ck_organisations_operational_dates",
                "operational_to IS NULL OR operational_from IS NULL OR operational_to >= operational_from"));
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(OrganisationDetails.MaxNameLength).IsRequired();
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(o => o.OdsCode).HasMaxLength(5);
        builder.Property(o => o.GssCode).HasMaxLength(9);
        builder.Property(o => o.EarlierTypes).AsJsonColumn();
        builder.Property(o => o.Version).IsRowVersion();
        builder.Ignore(o => o.Operational);
        builder.Ignore(o => o.Details);

        builder.HasIndex(o => o.OdsCode).IsUnique().HasDatabaseName("ux_organisations_ods_code");
        builder.HasIndex(o => o.GssCode).IsUnique().HasDatabaseName("ux_organisations_gss_code");
        // keyset paging walks (name, id)
        builder.HasIndex(o => new { o.Name, o.Id }).HasDatabaseName("ix_organisations_name_id");
    }
}

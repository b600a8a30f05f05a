using IntegrationGovernance.Domain.PooledFunds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

internal sealed class FundBudgetConfiguration : IEntityTypeConfiguration<FundBudget>
{
    public void Configure(EntityTypeBuilder<FundBudget> builder)
    {
        builder.ToTable("fund_budgets");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Version).IsRowVersion();
        builder.Ignore(b => b.FinancialYear);
        builder.Ignore(b => b.Total);
        // the year's lines are replaced together, and each replacement is a revision of the one row
        builder.OwnsMany(b => b.Lines, line => line.ToJson());
        builder.HasOne<PooledFund>().WithMany().HasForeignKey(b => b.FundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.FundId, b.FinancialYearStart }).IsUnique().HasDatabaseName("ux_fund_budgets_year");
    }
}

internal sealed class ForecastOutturnConfiguration : IEntityTypeConfiguration<ForecastOutturn>
{
    public void Configure(EntityTypeBuilder<ForecastOutturn> builder)
    {
        builder.ToTable("forecast_outturns", t => t.HasCheckConstraint("ck_forecast_outturns_period", "period BETWEEN 1 AND 12"));
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Version).IsRowVersion();
        builder.Ignore(f => f.FinancialYear);
        builder.Ignore(f => f.Total);
        builder.OwnsMany(f => f.Lines, line => line.ToJson());
        builder.HasOne<PooledFund>().WithMany().HasForeignKey(f => f.FundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.FundId, f.FinancialYearStart, f.Period }).IsUnique().HasDatabaseName("ux_forecast_outturns_period");
    }
}

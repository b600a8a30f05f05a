using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.PooledFunds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

internal sealed class PooledFundConfiguration : IEntityTypeConfiguration<PooledFund>
{
    public void Configure(EntityTypeBuilder<PooledFund> builder)
    {
        builder.ToTable("pooled_funds", t => t.HasCheckConstraint("ck_pooled_funds_dates", "ends_on IS NULL OR ends_on >= starts_on"));
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Name).HasMaxLength(200);
        builder.Property(f => f.Manager).HasMaxLength(200);
        builder.Property(f => f.Currency).HasMaxLength(3);
        builder.Property(f => f.Version).IsRowVersion();
        builder.HasOne<Agreement>().WithMany().HasForeignKey(f => f.AgreementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(f => f.HostOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(f => f.RiskShares, share =>
        {
            share.ToJson();
            share.Property(s => s.Method).HasConversion<string>();
            share.OwnsMany(s => s.Shares);
        });
        builder.HasIndex(f => f.AgreementId);
    }
}

internal sealed class ContributionConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> builder)
    {
        builder.ToTable("contributions", t => t.HasCheckConstraint("ck_contributions_amount", "amount >= 0"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Form).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Amount).HasPrecision(19, 2);
        builder.Property(c => c.Note).HasMaxLength(Contribution.MaxNoteLength);
        builder.Ignore(c => c.FinancialYear);
        builder.HasOne<PooledFund>().WithMany().HasForeignKey(c => c.FundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.FundId, c.FinancialYearStart });
        builder.HasIndex(c => new { c.OrganisationId, c.FinancialYearStart });
    }
}

internal sealed class LedgerLineConfiguration : IEntityTypeConfiguration<LedgerLine>
{
    public void Configure(EntityTypeBuilder<LedgerLine> builder)
    {
        builder.ToTable("ledger_lines", t => t.HasCheckConstraint("ck_ledger_lines_period", "period BETWEEN 1 AND 12"));
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Amount).HasPrecision(19, 2);
        builder.Property(l => l.Category).HasMaxLength(LedgerLine.MaxCategoryLength);
        builder.Property(l => l.Description).HasMaxLength(LedgerLine.MaxDescriptionLength);
        builder.Property(l => l.ExternalReference).HasMaxLength(LedgerLine.MaxReferenceLength);
        // the line of the same fund it corrects: a foreign key (fund_id, corrects) to the unique reference, written in
        // the LedgerPeriods migration's SQL (the model would make the reference an alternate key of its own)
        builder.Property(l => l.Corrects).HasMaxLength(LedgerLine.MaxReferenceLength);
        builder.HasOne<PooledFund>().WithMany().HasForeignKey(l => l.FundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerBooking>().WithMany().HasForeignKey(l => l.BookingId).OnDelete(DeleteBehavior.Restrict);
        // a re-import never doubles a line
        builder.HasIndex(l => new { l.FundId, l.ExternalReference }).IsUnique().HasDatabaseName("ux_ledger_lines_reference");
        // summaries and exports read a fund's year, period by period
        builder.HasIndex(l => new { l.FundId, l.FinancialYearStart, l.Period }).IncludeProperties(l => l.Amount);
    }
}

internal sealed class LedgerBookingConfiguration : IEntityTypeConfiguration<LedgerBooking>
{
    public void Configure(EntityTypeBuilder<LedgerBooking> builder)
    {
        builder.ToTable("ledger_bookings");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        // wider than an amount: the sum of an import of any size of lines at the largest accepted amount
        builder.Property(b => b.AmountTotal).HasPrecision(28, 2);
        builder.HasOne<PooledFund>().WithMany().HasForeignKey(b => b.FundId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LedgerPeriodConfiguration : IEntityTypeConfiguration<LedgerPeriod>
{
    public void Configure(EntityTypeBuilder<LedgerPeriod> builder)
    {
        builder.ToTable("ledger_periods", t =>
        {
            t.HasCheckConstraint("ck_ledger_periods_period", "period BETWEEN 1 AND 12");
            t.HasCheckConstraint("ck_ledger_periods_closed", "state <> 'Closed' OR closed_at IS NOT NULL");
        });
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ClosedBy).HasMaxLength(200);
        builder.Property(p => p.ReopenedBy).HasMaxLength(200);
        builder.Property(p => p.ReopenReason).HasMaxLength(LedgerPeriod.MaxReasonLength);
        builder.Property(p => p.Version).IsRowVersion();
        builder.Ignore(p => p.MonthPeriod);
        builder.HasOne<PooledFund>().WithMany().HasForeignKey(p => p.FundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.ClosedByOrganisationId).OnDelete(DeleteBehavior.Restrict);
        // one record per period of a fund; bookings look up the fund's closed ones
        builder.HasIndex(p => new { p.FundId, p.FinancialYearStart, p.Period }).IsUnique().HasDatabaseName("ux_ledger_periods_period");
    }
}

internal sealed class LedgerPeriodTotalConfiguration : IEntityTypeConfiguration<PooledFunds.LedgerPeriodTotalRow>
{
    public void Configure(EntityTypeBuilder<PooledFunds.LedgerPeriodTotalRow> builder)
    {
        builder.ToTable("ledger_period_totals", t => t.HasCheckConstraint("ck_ledger_period_totals_period", "period BETWEEN 1 AND 12"));
        // a fund's year, period by period, is a range of this key
        builder.HasKey(t => new { t.FundId, t.FinancialYearStart, t.Period, t.Category });
        builder.Property(t => t.Category).HasMaxLength(LedgerLine.MaxCategoryLength);
        builder.Property(t => t.Amount).HasPrecision(28, 2);
        builder.HasOne<PooledFund>().WithMany().HasForeignKey(t => t.FundId).OnDelete(DeleteBehavior.Restrict);
    }
}

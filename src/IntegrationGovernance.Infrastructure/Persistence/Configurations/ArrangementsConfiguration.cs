using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.PooledFunds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

internal sealed class TransferPaymentConfiguration : IEntityTypeConfiguration<TransferPayment>
{
    public void Configure(EntityTypeBuilder<TransferPayment> builder)
    {
        builder.ToTable("transfer_payments", t =>
        {
            t.HasCheckConstraint("ck_transfer_payments_amount", "amount >= 0");
            t.HasCheckConstraint("ck_transfer_payments_sides", "payer_id <> payee_id");
            t.HasCheckConstraint("ck_transfer_payments_basis", "basis IN ('Section256NhsAct2006', 'Section76NhsAct2006')");
        });
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Amount).HasPrecision(19, 2);
        builder.Property(p => p.Basis).HasConversion<string>().HasMaxLength(60);
        builder.Property(p => p.Purpose).HasMaxLength(TransferPayment.MaxPurposeLength);
        builder.Property(p => p.Conditions).HasMaxLength(TransferPayment.MaxConditionsLength);
        builder.Ignore(p => p.FinancialYear);
        builder.HasOne<Agreement>().WithMany().HasForeignKey(p => p.AgreementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.PayerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.PayeeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TransferPayment>().WithMany().HasForeignKey(p => p.CorrectsId).OnDelete(DeleteBehavior.Restrict);
        // a payment is corrected once: a second correction of it, even one racing the first, is refused
        builder.HasIndex(p => p.CorrectsId).IsUnique().HasFilter("corrects_id IS NOT NULL").HasDatabaseName("ux_transfer_payments_corrects");
        builder.HasIndex(p => new { p.AgreementId, p.FinancialYearStart });
        // the finance export reads a year across agreements
        builder.HasIndex(p => p.FinancialYearStart);
    }
}

internal sealed class AlignedBudgetReportConfiguration : IEntityTypeConfiguration<AlignedBudgetReport>
{
    public void Configure(EntityTypeBuilder<AlignedBudgetReport> builder)
    {
        builder.ToTable("aligned_budget_reports", t =>
        {
            t.HasCheckConstraint("ck_aligned_budget_reports_amounts", "budget >= 0 AND spend >= 0");
            t.HasCheckConstraint("ck_aligned_budget_reports_revision", "revision >= 1");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Budget).HasPrecision(19, 2);
        builder.Property(r => r.Spend).HasPrecision(19, 2);
        builder.Property(r => r.Note).HasMaxLength(AlignedBudgetReport.MaxNoteLength);
        builder.Property(r => r.Categories).AsJsonColumn();
        builder.Ignore(r => r.FinancialYear);
        builder.Ignore(r => r.Variance);
        builder.HasOne<Agreement>().WithMany().HasForeignKey(r => r.AgreementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // one report per revision: two reports racing to replace the same one cannot both stand
        builder.HasIndex(r => new { r.AgreementId, r.FinancialYearStart, r.OrganisationId, r.Revision }).IsUnique()
            .HasDatabaseName("ux_aligned_budget_reports_revision");
        builder.HasIndex(r => r.FinancialYearStart);
    }
}

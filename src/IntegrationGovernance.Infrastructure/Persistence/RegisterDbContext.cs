using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.Persistence;

/// <summary>The register's tables. Schema changes go through checked-in migrations only.</summary>
public sealed class RegisterDbContext : DbContext, IDataProtectionKeyContext
{
    public RegisterDbContext(DbContextOptions<RegisterDbContext> options) : base(options) =>
        // a failed write fails its transaction whole, or rolls back to an idempotent request's own savepoint, so
        // SaveChanges needs no savepoint of its own (two round trips fewer per write)
        Database.AutoSavepointsEnabled = false;

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Succession> Successions => Set<Succession>();

    public DbSet<SuccessionParty> SuccessionParties => Set<SuccessionParty>();

    public DbSet<Domain.Agreements.Agreement> Agreements => Set<Domain.Agreements.Agreement>();

    public DbSet<Agreements.AgreementTermRow> AgreementTerms => Set<Agreements.AgreementTermRow>();

    public DbSet<Agreements.AgreementPartyTermRow> AgreementPartyTerms => Set<Agreements.AgreementPartyTermRow>();

    /// <summary>The agreements' search documents, kept by the database (read only).</summary>
    public DbSet<Agreements.AgreementSearchRow> AgreementSearch => Set<Agreements.AgreementSearchRow>();

    public DbSet<Domain.PooledFunds.PooledFund> PooledFunds => Set<Domain.PooledFunds.PooledFund>();

    public DbSet<Domain.PooledFunds.Contribution> Contributions => Set<Domain.PooledFunds.Contribution>();

    public DbSet<Domain.PooledFunds.LedgerLine> LedgerLines => Set<Domain.PooledFunds.LedgerLine>();

    public DbSet<Domain.PooledFunds.LedgerBooking> LedgerBookings => Set<Domain.PooledFunds.LedgerBooking>();

    public DbSet<Domain.PooledFunds.LedgerPeriod> LedgerPeriods => Set<Domain.PooledFunds.LedgerPeriod>();

    /// <summary>Per fund, year, period and category totals of the ledger, kept by the database (read only).</summary>
    public DbSet<PooledFunds.LedgerPeriodTotalRow> LedgerPeriodTotals => Set<PooledFunds.LedgerPeriodTotalRow>();
    public DbSet<Domain.PooledFunds.TransferPayment> TransferPayments => Set<Domain.PooledFunds.TransferPayment>();

    public DbSet<Domain.PooledFunds.AlignedBudgetReport> AlignedBudgetReports => Set<Domain.PooledFunds.AlignedBudgetReport>();

    public DbSet<Domain.People.Post> Posts => Set<Domain.People.Post>();

    public DbSet<Domain.People.AccountabilityLine> AccountabilityLines => Set<Domain.People.AccountabilityLine>();

    public DbSet<Domain.People.Secondment> Secondments => Set<Domain.People.Secondment>();

    public DbSet<Domain.People.PostHolding> PostHoldings => Set<Domain.People.PostHolding>();

    public DbSet<Domain.People.JointArrangement> JointArrangements => Set<Domain.People.JointArrangement>();

    public DbSet<Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Webhooks.WebhookSubscription>();

    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    public DbSet<Webhooks.WebhookDeliveryLease> WebhookDeliveryLeases => Set<Webhooks.WebhookDeliveryLease>();

    public DbSet<Revision> Revisions => Set<Revision>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    /// <summary>The Data Protection key ring (what webhook secrets and stored responses are encrypted with).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        // the transaction is where the change context is declared; without it the database refuses the write
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException("Register writes run inside InTransactionAsync, so that history and audit record who made them.");
        try
        {
            return await base.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (ConstraintViolations.Translate(exception) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the retrying execution strategy: a transient fault
    /// replays the whole unit from a clean change tracker, so <paramref name="work"/> must read what it changes.
    /// Inside a transaction already open (an idempotent request's, see IdempotencyStore) the work joins it, and
    /// commits with the request's stored response.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null)
            return await work(cancellationToken);
        return await Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            ChangeTracker.Clear();
            await using var transaction = await Database.BeginTransactionAsync(token);
            var outcome = await work(token);
            await transaction.CommitAsync(token);
            return outcome;
        }, cancellationToken);
    }

    /// <summary>Records one new entity in its own transaction (see <see cref="InTransactionAsync{T}"/>) and returns it.</summary>
    public Task<T> InsertAsync<T>(T entity, CancellationToken cancellationToken) where T : class =>
        InTransactionAsync(async token =>
        {
            Add(entity);
            await SaveChangesAsync(token);
            return entity;
        }, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // records kept whole inside jsonb columns (see JsonColumn), never tables of their own
        modelBuilder.Ignore<Domain.Agreements.DocumentLink>()
            .Ignore<Domain.Agreements.PartyChange>()
            .Ignore<Domain.Agreements.AgreementParty>()
            .Ignore<Domain.Agreements.Approval>()
            .Ignore<Domain.Agreements.StatusChange>()
            .Ignore<Domain.Agreements.Variation>()
            .Ignore<Domain.Agreements.Notice>()
            .Ignore<Domain.Agreements.TermPeriod>()
            .Ignore<Domain.People.PostTitle>()
            .Ignore<Domain.People.PostTitlePeriod>()
            .Ignore<Domain.Successions.SuccessionTransfer>();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegisterDbContext).Assembly);
    }
}

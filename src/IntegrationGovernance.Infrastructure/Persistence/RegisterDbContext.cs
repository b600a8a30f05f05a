using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.Persistence;

/// <summary>The register's tables. Schema changes go through checked-in migrations only.</summary>
public sealed class RegisterDbContext(DbContextOptions<RegisterDbContext> options) : DbContext(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Succession> Successions => Set<Succession>();

    public DbSet<SuccessionParty> SuccessionParties => Set<SuccessionParty>();

    public DbSet<Domain.Agreements.Agreement> Agreements => Set<Domain.Agreements.Agreement>();

    public DbSet<Domain.PooledFunds.PooledFund> PooledFunds => Set<Domain.PooledFunds.PooledFund>();

    public DbSet<Domain.PooledFunds.Contribution> Contributions => Set<Domain.PooledFunds.Contribution>();

    public DbSet<Domain.PooledFunds.LedgerLine> LedgerLines => Set<Domain.PooledFunds.LedgerLine>();

    public DbSet<Domain.People.Post> Posts => Set<Domain.People.Post>();

    public DbSet<Domain.People.AccountabilityLine> AccountabilityLines => Set<Domain.People.AccountabilityLine>();

    public DbSet<Domain.People.Secondment> Secondments => Set<Domain.People.Secondment>();

    public DbSet<Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Webhooks.WebhookSubscription>();

    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    public DbSet<Revision> Revisions => Set<Revision>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

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
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var result = await Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            ChangeTracker.Clear();
            await using var transaction = await Database.BeginTransactionAsync(token);
            var outcome = await work(token);
            await transaction.CommitAsync(token);
            return outcome;
        }, cancellationToken);
        // the change is committed: give it its feed position and visible time now, not when someone next reads
        await PositionCommittedChangesAsync(CancellationToken.None);
        return result;
    }

    /// <summary>Records one new entity in its own transaction (see <see cref="InTransactionAsync{T}"/>) and returns it.</summary>
    public Task<T> InsertAsync<T>(T entity, CancellationToken cancellationToken) where T : class =>
        InTransactionAsync(async token =>
        {
            Add(entity);
            await SaveChangesAsync(token);
            return entity;
        }, cancellationToken);

    /// <summary>Gives committed revisions without one their change-feed position and the time they became visible.</summary>
    public async Task PositionCommittedChangesAsync(CancellationToken cancellationToken)
    {
        if (!await Revisions.AnyAsync(r => r.Position == null, cancellationToken))
            return;
        await Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await Database.BeginTransactionAsync(token);
            await Database.ExecuteSqlRawAsync(ChangeFeed.PositionSql, token);
            await transaction.CommitAsync(token);
        }, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegisterDbContext).Assembly);
}

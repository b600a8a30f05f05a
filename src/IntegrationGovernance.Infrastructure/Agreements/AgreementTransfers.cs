using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.Agreements;

/// <summary>
/// Carries out successions on agreements as novations: from a succession's date its successor takes a predecessor's
/// place, as far down the chain as the register records (PCT → CCG → ICB). Runs in the caller's transaction.
/// </summary>
public sealed class AgreementTransfers(RegisterDbContext db, TimeProvider clock)
{
    // a chain is at most a handful of successions deep; this bounds the work should one ever be longer
    private const int MaxChainDepth = 16;

    /// <summary>Carries out, on one tracked agreement, every recorded succession of its parties it has not had yet.</summary>
    public Task ApplyAsync(Agreement agreement, CancellationToken cancellationToken) => ApplyAsync([agreement], cancellationToken);

    /// <summary>
    /// Carries out, on tracked agreements (an import's, say), every recorded succession of their parties they have not
    /// had yet. The successions are read once per step down the chain, for all of them together.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyCollection<Agreement> agreements, CancellationToken cancellationToken)
    {
        var successions = new Dictionary<Guid, Succession>();
        var names = new Dictionary<Guid, string>();
        for (var depth = 0; depth < MaxChainDepth; depth++)
        {
            var parties = agreements.SelectMany(a => a.PartyIds).Distinct().ToArray();
            var known = successions.Keys.ToArray();
            var found = await db.Successions.AsNoTracking()
                .Where(s => s.PredecessorIds.Any(p => parties.Contains(p)) && !known.Contains(s.Id))
                .ToListAsync(cancellationToken);
            if (found.Count == 0 && successions.Count == 0)
                return;
            foreach (var succession in found)
                successions[succession.Id] = succession;
            if (found.Count > 0)
                foreach (var (id, name) in await NamesAsync(found, cancellationToken))
                    names[id] = name;

            var changed = false;
            var inOrder = successions.Values.OrderBy(s => s.EffectiveOn).ThenBy(s => s.Id).ToList();
            foreach (var agreement in agreements)
            {
                foreach (var succession in inOrder)
                {
                    foreach (var predecessor in succession.PredecessorIds.Where(agreement.PartyIds.Contains).ToList())
                    {
                        var successor = succession.SuccessorFor(agreement.Id, predecessor);
                        changed |= agreement.Novate(succession.Id, succession.EffectiveOn, predecessor, successor,
                            Describe(succession, names[predecessor], successor is { } s ? names[s] : null), clock.GetUtcNow());
                    }
                }
            }
            if (!changed && found.Count == 0)
                return;
        }
    }

    /// <summary>Carries out a succession (new, or with a transfer newly named) on every agreement of its predecessors.</summary>
    public async Task ApplyAsync(Succession succession, CancellationToken cancellationToken)
    {
        var predecessors = succession.PredecessorIds.ToArray();
        var agreements = await db.Agreements.Where(a => a.PartyIds.Any(p => predecessors.Contains(p))).OrderBy(a => a.Reference).ToListAsync(cancellationToken);
        await ApplyAsync(agreements, cancellationToken);
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Succession> successions, CancellationToken cancellationToken)
    {
        var ids = successions.SelectMany(s => s.PredecessorIds.Concat(s.SuccessorIds)).Distinct().ToArray();
        return await db.Organisations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    private static string Describe(Succession succession, string predecessor, string? successor) => successor is null
        ? $"Novation on the succession of {succession.EffectiveOn:yyyy-MM-dd}: {predecessor}'s part ends; no successor is named to take it."
        : $"Novation on the succession of {succession.EffectiveOn:yyyy-MM-dd}: {successor} takes {predecessor}'s place.";
}

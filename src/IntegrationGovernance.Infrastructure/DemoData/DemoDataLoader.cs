using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationGovernance.Infrastructure.DemoData;

/// <summary>
/// Loads the demo data set drawn from the five seed papers (embedded in this assembly, so the project never
/// needs the papers themselves). Idempotent: organisations already present by name are left alone.
/// Every record goes through the same domain rules as a request would.
/// </summary>
public sealed class DemoDataLoader(RegisterDbContext db, TimeProvider clock, ILogger<DemoDataLoader> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        using var _ = ChangeContext.BeginSystem("demo-data");
        await db.InTransactionAsync(LoadSetAsync, cancellationToken);
    }

    private async Task<int> LoadSetAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(DemoDataLoader).Assembly
            .GetManifestResourceStream($"{typeof(DemoDataLoader).Namespace}.organisations.json")
            ?? throw new InvalidOperationException("The demo data set is not embedded in the assembly.");
        var set = await JsonSerializer.DeserializeAsync<DemoSet>(stream, Json, cancellationToken)
            ?? throw new InvalidOperationException("The demo data set is empty.");

        var now = clock.GetUtcNow();
        var existing = await db.Organisations.ToDictionaryAsync(o => o.Name, cancellationToken);
        var byKey = new Dictionary<string, Organisation>();
        var added = 0;
        foreach (var entry in set.Organisations)
        {
            if (!existing.TryGetValue(entry.Name, out var organisation))
            {
                var details = new OrganisationDetails(entry.Name, entry.Type, entry.OdsCode, entry.GssCode, entry.OperationalFrom, entry.OperationalTo).Normalised();
                if (details.Validate() is [var first, ..])
                    throw new InvalidOperationException($"Demo organisation '{entry.Key}' breaks a rule: {first.Field} {first.Message}");
                organisation = Organisation.Create(details, now);
                db.Organisations.Add(organisation);
                added++;
            }
            byKey[entry.Key] = organisation;
        }

        if (added > 0)
        {
            foreach (var entry in set.Successions)
            {
                var details = new SuccessionDetails(
                    entry.Predecessors.Select(k => byKey[k].Id).ToList(),
                    entry.Successors.Select(k => byKey[k].Id).ToList(),
                    entry.EffectiveOn, entry.Kind, entry.Note);
                if (SuccessionRules.Check(details, byKey.Values.ToDictionary(o => o.Id)) is [var first, ..])
                    throw new InvalidOperationException($"Demo succession on {entry.EffectiveOn} breaks a rule: {first.Field} {first.Message}");
                db.Successions.Add(Succession.Create(details, now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo data: {Added} organisation(s) added, {Total} in the set", added, set.Organisations.Count);
        return added;
    }

    private sealed record DemoSet(IReadOnlyList<DemoOrganisation> Organisations, IReadOnlyList<DemoSuccession> Successions);

    private sealed record DemoOrganisation(
        string Key, string Name, OrganisationType Type, string? OdsCode, string? GssCode, DateOnly? OperationalFrom, DateOnly? OperationalTo);

    private sealed record DemoSuccession(
        IReadOnlyList<string> Predecessors, IReadOnlyList<string> Successors, DateOnly EffectiveOn, SuccessionKind Kind, string? Note);
}

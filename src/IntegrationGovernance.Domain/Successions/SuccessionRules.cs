using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.Domain.Successions;

/// <summary>
/// The rules a succession must keep with the organisations it names. Rules that need the rest of the
/// register (no cycles, order with earlier and later successions) are checked where the register is queried.
/// </summary>
public static class SuccessionRules
{
    public const int MaxNoteLength = 2000;

    /// <summary>The most agreement transfers a succession names, when it is recorded and after.</summary>
    public const int MaxTransfers = 5_000;

    /// <summary>
    /// Checks a new succession. <paramref name="organisations"/> holds every organisation the details name
    /// that exists; an id missing from it is reported as unknown.
    /// </summary>
    public static IReadOnlyList<RuleViolation> Check(SuccessionDetails details, IReadOnlyDictionary<Guid, Organisation> organisations)
    {
        var problems = new List<RuleViolation>();
        if (!Enum.IsDefined(details.Kind))
            problems.Add(new("$.kind", "Unknown succession kind."));
        else
            CheckShape(details, problems);
        if (details.Note is { Length: > MaxNoteLength })
            problems.Add(new("$.note", $"A note is at most {MaxNoteLength} characters."));

        CheckSide(details.PredecessorIds, "$.predecessorIds", organisations, problems,
            (organisation, path) => PredecessorDateProblem(organisation, details.EffectiveOn) is { } p ? new(path, p) : null);
        CheckSide(details.SuccessorIds, "$.successorIds", organisations, problems,
            (organisation, path) => SuccessorDateProblem(organisation, details.EffectiveOn) is { } p ? new(path, p) : null);

        var both = details.SuccessorIds.Select((id, i) => (id, i)).Where(s => details.PredecessorIds.Contains(s.id));
        problems.AddRange(both.Select(s => new RuleViolation($"$.successorIds[{s.i}]", "An organisation cannot succeed itself.")));
        return problems;
    }

    /// <summary>Checks that an organisation's operational dates still agree with a succession it takes part in.</summary>
    public static string? DateProblem(Organisation organisation, SuccessionSide side, DateOnly effectiveOn) => side switch
    {
        SuccessionSide.Predecessor => PredecessorDateProblem(organisation, effectiveOn),
        _ => SuccessorDateProblem(organisation, effectiveOn),
    };

    private static string? PredecessorDateProblem(Organisation organisation, DateOnly effectiveOn)
    {
        if (organisation.OperationalFrom is { } from && from >= effectiveOn)
            return $"{organisation.Name} only became operational on {from:yyyy-MM-dd}, not before the succession on {effectiveOn:yyyy-MM-dd}.";
        if (organisation.OperationalTo is { } to && to >= effectiveOn)
            return $"{organisation.Name} is recorded as operational until {to:yyyy-MM-dd}; a predecessor must end before the succession on {effectiveOn:yyyy-MM-dd}.";
        return null;
    }

    private static string? SuccessorDateProblem(Organisation organisation, DateOnly effectiveOn) =>
        organisation.Operational.Contains(effectiveOn)
            ? null
            : $"{organisation.Name} is not operational on {effectiveOn:yyyy-MM-dd}, the date it would succeed.";

    private static void CheckShape(SuccessionDetails details, List<RuleViolation> problems)
    {
        var (predecessors, successors) = (details.PredecessorIds.Count, details.SuccessorIds.Count);
        if (predecessors == 0)
            problems.Add(new("$.predecessorIds", "At least one predecessor is required."));
        if (successors == 0)
            problems.Add(new("$.successorIds", "At least one successor is required."));
        if (predecessors == 0 || successors == 0)
            return;
        var shapeProblem = details.Kind switch
        {
            SuccessionKind.Merger when predecessors < 2 || successors != 1 => "A merger has two or more predecessors and one successor.",
            SuccessionKind.Split when predecessors != 1 || successors < 2 => "A split has one predecessor and two or more successors.",
            SuccessionKind.Rename when predecessors != 1 || successors != 1 => "A rename has one predecessor and one successor.",
            _ => null,
        };
        if (shapeProblem is not null)
            problems.Add(new("$.kind", shapeProblem));
    }

    private static void CheckSide(
        IReadOnlyList<Guid> ids,
        string path,
        IReadOnlyDictionary<Guid, Organisation> organisations,
        List<RuleViolation> problems,
        Func<Organisation, string, RuleViolation?> dateRule)
    {
        var seen = new HashSet<Guid>();
        for (var i = 0; i < ids.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (!seen.Add(ids[i]))
                problems.Add(new(itemPath, "This organisation is listed twice."));
            else if (!organisations.TryGetValue(ids[i], out var organisation))
                problems.Add(new(itemPath, "No organisation with this id."));
            else if (dateRule(organisation, itemPath) is { } problem)
                problems.Add(problem);
        }
    }
}

using IntegrationGovernance.Api.Http;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>
/// The register's records as the change feed, history and webhooks name them: each record table's name (the recording
/// trigger writes <c>TG_TABLE_NAME</c>). A test holds this list to the tables that carry the recording trigger.
/// </summary>
public sealed class ChangeResources : IValueSet
{
    public static string SchemaName => "ChangeResource";

    public static IReadOnlyList<string> All { get; } =
    [
        "accountability_lines", "agreements", "aligned_budget_reports", "contributions", "forecast_outturns", "fund_budgets",
        "joint_arrangements", "ledger_bookings", "ledger_periods", "organisations", "pooled_funds", "post_holdings", "posts", "secondments", "successions",
        "transfer_payments",
    ];
}

/// <summary>The resources whose demo records have provenance (see ProvenanceEndpoints), named as in the change feed.</summary>
public sealed class ProvenanceResources : IValueSet
{
    public static string SchemaName => "ProvenanceResource";

    public static IReadOnlyList<string> All { get; } =
        ["organisations", "successions", "agreements", "pooled_funds", "contributions", "ledger_bookings", "posts", "accountability_lines", "secondments",
        "post_holdings", "joint_arrangements"];
}

/// <summary>
/// The kinds of change a revision records: <c>created</c> and <c>updated</c> (the recording trigger's own), or the named kind an
/// operation declares with <see cref="RecordsChangeAsExtensions.RecordsChangeAs"/>, which accepts only these.
/// </summary>
public sealed class ChangeKinds : IValueSet
{
    public static string SchemaName => "ChangeKind";

    public const string Created = "created";
    public const string Updated = "updated";
    public const string Closed = "closed";
    public const string Reopened = "reopened";
    public const string Ended = "ended";
    public const string Retitled = "retitled";
    public const string TypeChanged = "type-changed";
    public const string EndDateChanged = "end-date-changed";

    public static IReadOnlyList<string> All { get; } = [Created, Updated, Closed, Reopened, Ended, Retitled, TypeChanged, EndDateChanged];
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationGovernance.Bench.Peer;

// The shapes the peer reads and writes. The agreement's JSON columns hold these records with their C# names (PascalCase, as
// the API's JsonColumn writes them: StoredJson); responses write the same records in camelCase (PeerJson), the API's web
// defaults. Enums are kept as the names the database and both JSON forms hold, so they are strings here.

public sealed record Party(Guid OrganisationId, string Role);

public sealed record Document(string Url, string Title, string Sha256);

public sealed record Approval(Guid BodyId, DateOnly DecidedOn, string? MinuteReference, string Outcome, Guid? ForPartyId);

public sealed record StatusChange(int Sequence, string Status, DateOnly EffectiveOn, string? Reason, List<Guid> AwaitingConsentOf,
    List<Guid> AcceptedBy, DateTimeOffset RecordedAt)
{
    public bool InForce => AwaitingConsentOf is not { Count: > 0 };
}

public sealed record PartyChange(Guid OrganisationId, string? Role, Guid? Replaces);

public sealed record Variation(int Number, string Kind, DateOnly EffectiveOn, string Description, DateOnly? EndsOn, DateOnly? ReviewOn,
    int? NoticeMonths, List<PartyChange> Parties, List<string>? Flexibilities, List<string>? Services, List<string>? ClientGroups,
    List<Document>? Documents, Guid? SuccessionId, Guid? ProposedBy, List<Guid> AwaitingConsentOf, List<Guid> AcceptedBy,
    DateTimeOffset RecordedAt)
{
    public bool InForce => AwaitingConsentOf is not { Count: > 0 };
}

public sealed record Notice(int Number, Guid OrganisationId, string Kind, DateOnly ServedOn, DateOnly EffectiveOn, string? Reason,
    DateTimeOffset? WithdrawnAt, DateTimeOffset RecordedAt)
{
    public bool Standing => WithdrawnAt is null;
}

public sealed record TermPeriod(DateOnly From, DateOnly? Until, string Status, bool Active, List<Party> Parties, List<string> Flexibilities,
    List<string> Services, List<string> ClientGroups, DateOnly? EndsOn, DateOnly? ReviewOn, int? NoticeMonths, int? VariationNumber);

public sealed record UnassignedTransfer(Guid SuccessionId, Guid PredecessorId, DateOnly EffectiveOn);

/// <summary>The API's AgreementResponse, field for field (onDate is always null: the peer reads no activeOn).</summary>
public sealed record AgreementResponse(Guid Id, string Reference, string Title, string? Purpose, string Basis, List<string> Flexibilities,
    List<string> Services, List<string> ClientGroups, List<Party> Parties, DateOnly? SignedOn, DateOnly CommencesOn, DateOnly? EndsOn,
    int? NoticeMonths, DateOnly? ReviewOn, DateOnly? LatestEndsOn, DateOnly? LatestReviewOn, Guid? ParentId, List<Document> Documents,
    bool Illustrative, string Status, List<StatusChange> StatusChanges, List<Approval> Approvals, List<Variation> Variations,
    List<Notice> Notices, List<TermPeriod> Periods, List<UnassignedTransfer> UnassignedTransfers, object? OnDate,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The API's AgreementRequest (unknown fields refused, as the API refuses them).</summary>
/// <remarks>Optional members are settable: the generated deserialiser keeps their initial values when a field is absent (an init-only one it sets to null).</remarks>
public sealed record AgreementRequest
{
    public required string Reference { get; init; }
    public required string Title { get; init; }
    public string? Purpose { get; set; }
    public required string Basis { get; init; }
    public List<string> Flexibilities { get; set; } = [];
    public List<string> Services { get; set; } = [];
    public List<string> ClientGroups { get; set; } = [];
    public required List<Party> Parties { get; init; }
    public DateOnly? SignedOn { get; set; }
    public required DateOnly CommencesOn { get; init; }
    public DateOnly? EndsOn { get; set; }
    public int? NoticeMonths { get; set; }
    public DateOnly? ReviewOn { get; set; }
    public Guid? ParentId { get; set; }
    public List<Document> Documents { get; set; } = [];
    public bool Illustrative { get; set; }
}

public sealed record RiskShare(int FinancialYearStart, string Method, List<PartnerShare>? Shares);

public sealed record PartnerShare(Guid OrganisationId, decimal OverspendPercent, decimal UnderspendPercent);

public sealed record ContributionFiguresResponse(decimal Planned, decimal Revised, decimal Actual, decimal Effective);

public sealed record PartnerFiguresResponse(Guid OrganisationId, decimal Planned, decimal Revised, decimal Actual, decimal Effective,
    ContributionFiguresResponse InKind, decimal ShareOfVariance);

public sealed record PeriodFiguresResponse(int Period, decimal Spend);

/// <summary>The API's FundSummaryResponse, field for field.</summary>
public sealed record FundSummaryResponse(Guid FundId, string FundName, Guid AgreementId, string FinancialYear, int FromPeriod, int ToPeriod,
    List<PartnerFiguresResponse> Partners, decimal Contributions, decimal InKindContributions, decimal Spend, decimal Variance,
    string RiskShareMethod, List<PeriodFiguresResponse> Periods);

public sealed record Problem(string Title, int Status, string? Detail);

/// <summary>Money as the API writes it: at least two decimal places.</summary>
public sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString("0.00#########################", CultureInfo.InvariantCulture), skipInputValidation: true);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters = [typeof(MoneyJsonConverter)])]
[JsonSerializable(typeof(AgreementResponse))]
[JsonSerializable(typeof(AgreementRequest))]
[JsonSerializable(typeof(FundSummaryResponse))]
[JsonSerializable(typeof(Problem))]
internal sealed partial class PeerJson : JsonSerializerContext;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<Party>))]
[JsonSerializable(typeof(List<Document>))]
[JsonSerializable(typeof(List<Approval>))]
[JsonSerializable(typeof(List<StatusChange>))]
[JsonSerializable(typeof(List<Variation>))]
[JsonSerializable(typeof(List<Notice>))]
[JsonSerializable(typeof(List<TermPeriod>))]
[JsonSerializable(typeof(List<RiskShare>))]
internal sealed partial class StoredJson : JsonSerializerContext;

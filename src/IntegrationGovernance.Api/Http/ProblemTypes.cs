namespace IntegrationGovernance.Api.Http;

/// <summary>
/// Stable problem <c>type</c> URIs (RFC 9457). Clients may switch on them; they never change meaning.
/// Rules of the register use <c>urn:integration-governance:problem:&lt;rule-code&gt;</c>.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:integration-governance:problem:";

    public const string Validation = Prefix + "validation";
    public const string NotFound = Prefix + "not-found";
    public const string PreconditionRequired = Prefix + "precondition-required";
    public const string PreconditionFailed = Prefix + "precondition-failed";
    public const string ServiceUnavailable = Prefix + "service-unavailable";
    public const string BadRequest = Prefix + "bad-request";
    public const string Internal = Prefix + "internal";

    public static string ForRule(string code) => Prefix + code;

    /// <summary>
    /// Every code the register answers with, each documented in docs/problems.md or docs/agreements.md (a test holds the three
    /// together, and the code's rules to them). The contract declares a problem's <c>type</c> as exactly these, prefixed.
    /// </summary>
    public static readonly IReadOnlyList<string> Codes =
    [
        "accountability-cycle", "after-end", "agreement-aligns-no-budgets", "agreement-finished", "agreement-not-a-transfer",
        "agreement-not-draft", "agreement-parent-fixed", "agreement-without-pooled-fund", "aligned-budget-reported-meanwhile",
        "approval-required", "arrangement-already-ended", "authorising-agreement-required", "bad-request",
        "basis-agreement-required", "before-commencement", "change-changes-nothing", "change-outside-post",
        "corrected-line-not-found", "duplicate-gss-code", "duplicate-joint-arrangement", "duplicate-ledger-reference",
        "duplicate-line", "duplicate-ods-code", "duplicate-reference", "forbidden", "holder-already-holds-post",
        "holding-overlap", "idempotency-key-in-flight", "idempotency-key-reused", "identity-change-needs-admin",
        "import-rejected", "internal", "ledger-import-rejected", "line-already-ended", "method-not-allowed", "no-such-notice",
        "no-such-transition", "no-such-variation", "not-a-party", "not-a-party-then", "not-acceptable",
        "not-awaiting-your-consent", "not-found", "not-the-fund-host", "not-yet-expired", "not-your-body", "not-your-notice",
        "not-your-organisation", "notice-after-end", "notice-already-served", "notice-before-commencement",
        "notice-before-service", "notice-by-non-party", "notice-date-required", "notice-in-effect", "notice-not-allowed",
        "notice-too-short", "notice-withdrawn", "organisation-already-closed", "organisation-required", "outside-host-post",
        "party-before-and-after", "payload-too-large", "payment-already-corrected", "period-already-closed", "period-closed",
        "period-not-closed", "period-outside-fund", "post-already-ended", "post-changes-after-end", "post-still-in-use",
        "precondition-failed", "precondition-required", "rate-limited", "returns-to-post-held", "second-line-manager",
        "service-unavailable", "structure-too-large", "subscription-limit", "succession-cycle", "succession-dates",
        "succession-out-of-order", "termination-before-commencement", "too-large", "too-many-aligned-budget-reports",
        "too-many-entries", "too-many-payments", "transfer-already-named", "transfer-not-from-predecessor",
        "transfer-not-to-successor", "transition-awaiting-consent", "transition-not-allowed", "transition-out-of-order",
        "unauthorized", "unknown-notice-kind", "unknown-status", "unsupported-media-type", "validation", "variation-after-end",
        "variation-not-allowed", "variation-out-of-order",
    ];

    /// <summary><see cref="Codes"/> as the <c>type</c> URIs a client sees.</summary>
    public static IEnumerable<string> All => Codes.Select(ForRule);

    /// <summary>
    /// The register's type for a problem the framework answers itself (no route, a wrong method or media type), which
    /// carries none or an RFC link: every problem a client sees has one of the register's types.
    /// </summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => Prefix + "method-not-allowed",
        StatusCodes.Status406NotAcceptable => Prefix + "not-acceptable",
        StatusCodes.Status413PayloadTooLarge => Prefix + "payload-too-large",
        StatusCodes.Status415UnsupportedMediaType => Prefix + "unsupported-media-type",
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        >= 500 => Internal,
        _ => Prefix + "http-" + status,
    };

    /// <summary>
    /// What to tell the client when the framework refused the request before any handler ran (no route, a wrong method
    /// or media type) and said nothing itself; null when the problem already says what is wrong.
    /// </summary>
    public static string? DetailForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read.",
        StatusCodes.Status404NotFound => "Nothing is at this address: no such resource, or an id that is not a UUID (or a number that is not a number).",
        StatusCodes.Status405MethodNotAllowed => "This resource does not take that method; the Allow header lists those it takes.",
        StatusCodes.Status406NotAcceptable => "The register answers in JSON (and, where the contract says so, text/csv).",
        StatusCodes.Status415UnsupportedMediaType => "Bodies are JSON: send Content-Type: application/json (imports and ledger files also take text/csv).",
        _ => null,
    };
}

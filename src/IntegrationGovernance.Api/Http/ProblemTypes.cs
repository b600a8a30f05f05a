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

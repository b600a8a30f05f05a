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
}

namespace IntegrationGovernance.Api.Security;

/// <summary>
/// <c>Authentication</c>: in production, the issuer (authority) whose signed tokens are trusted and the
/// audience they must name. In Development only, a symmetric key for tokens minted by <c>scripts/token</c>.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Authentication";
    public const string DevelopmentIssuer = "integration-governance-development";

    /// <summary>The OpenID Connect authority (issuer) that signs production tokens; its keys are fetched from its metadata.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience every token must name.</summary>
    public string Audience { get; set; } = "integration-governance";

    /// <summary>Base64 key (32 bytes or more) for development tokens; refused outside the Development environment.</summary>
    public string? DevelopmentSigningKey { get; set; }
}

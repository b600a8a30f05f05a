namespace IntegrationGovernance.Api.Security;

/// <summary>
/// <c>Authentication</c>: in production, the issuer whose signed tokens are trusted, either as an OpenID Connect
/// authority (its keys fetched from its metadata) or as an issuer name with its public keys pinned in a JSON Web Key Set
/// file, and the audience tokens must name. In Development only, a symmetric key for tokens minted by <c>scripts/token</c>.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Authentication";
    public const string DevelopmentIssuer = "integration-governance-development";

    /// <summary>The OpenID Connect authority (issuer) that signs production tokens; its keys are fetched from its metadata.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// The issuer (<c>iss</c>) of tokens signed by the keys in <see cref="SigningKeysFile"/>: for an issuer whose metadata
    /// the register cannot reach, with its public keys distributed to it instead. Not used with <see cref="Authority"/>.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>A JSON Web Key Set file (public keys only) whose keys sign the tokens of <see cref="Issuer"/>.</summary>
    public string? SigningKeysFile { get; set; }

    /// <summary>The audience every token must name.</summary>
    public string Audience { get; set; } = "integration-governance";

    /// <summary>Base64 key (32 bytes or more) for development tokens; refused outside the Development environment.</summary>
    public string? DevelopmentSigningKey { get; set; }
}

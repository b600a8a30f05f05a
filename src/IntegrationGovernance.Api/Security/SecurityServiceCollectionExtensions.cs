using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using IntegrationGovernance.Api.Http;
using Microsoft.IdentityModel.Tokens;

namespace IntegrationGovernance.Api.Security;

/// <summary>Bearer JWT authentication, one authorisation policy per scope, and a fallback that protects anything unmarked.</summary>
public static class SecurityServiceCollectionExtensions
{
    private static readonly string[] IssuerAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384,
    ];

    public static IServiceCollection AddRegisterSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var developmentKey = DevelopmentKey(options, environment);
        // read at start-up, so a wrong file or setting stops the API before it serves anything
        var pinned = developmentKey is null ? PinnedIssuerKeys(options) : null;

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                // keep the token's own claim names: sub, scope, org
                jwt.MapInboundClaims = false;
                jwt.Authority = options.Authority;
                jwt.Audience = options.Audience;
                jwt.RequireHttpsMetadata = !environment.IsDevelopment();
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidAudience = options.Audience,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "sub",
                    // pinned: a token cannot choose a weaker algorithm, or a symmetric one against a public key
                    ValidAlgorithms = developmentKey is null ? IssuerAlgorithms : [SecurityAlgorithms.HmacSha256],
                };
                if (developmentKey is not null)
                {
                    jwt.TokenValidationParameters.ValidIssuer = SecurityOptions.DevelopmentIssuer;
                    jwt.TokenValidationParameters.IssuerSigningKey = developmentKey;
                }
                else if (pinned is not null)
                {
                    jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
                    jwt.TokenValidationParameters.IssuerSigningKeys = pinned;
                }
                jwt.Events = new JwtBearerEvents { OnChallenge = ProblemChallenges.WriteUnauthorizedAsync, OnForbidden = ProblemChallenges.WriteForbiddenAsync };
            });

        services.AddAuthorizationBuilder()
            // an endpoint that says nothing still needs a caller: a new endpoint cannot be open by accident
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddScopePolicies();
        services.AddSingleton(new DevelopmentTokens(developmentKey));
        services.AddScoped<CallerOrganisation>();
        services.AddRecordParties();
        services.AddRegisterRateLimiting(configuration);
        services.AddRegisterCors(configuration);
        return services;
    }

    private static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in Scopes.All)
            builder.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.HasScope(scope)));
        return builder;
    }

    public static bool HasScope(this ClaimsPrincipal user, string scope)
    {
        var granted = user.FindAll(Scopes.ScopeClaim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        return granted.Contains(scope) || granted.Contains(Scopes.Admin);
    }

    private static IList<SecurityKey>? PinnedIssuerKeys(SecurityOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKeysFile))
            return null;
        if (string.IsNullOrWhiteSpace(options.Issuer))
            throw new InvalidOperationException("Authentication:SigningKeysFile is set without Authentication:Issuer, the issuer its keys sign for.");
        if (!string.IsNullOrWhiteSpace(options.Authority))
            throw new InvalidOperationException("Authentication:Authority and Authentication:SigningKeysFile are both set: trust an issuer by its metadata or by pinned keys, not both.");
        var set = new JsonWebKeySet(File.ReadAllText(options.SigningKeysFile));
        if (set.Keys.Count == 0 || set.Keys.Any(k => k.HasPrivateKey || k.Kty is not (JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve)))
            throw new InvalidOperationException("Authentication:SigningKeysFile must hold public RSA or EC signing keys only.");
        return set.GetSigningKeys();
    }

    private static SymmetricSecurityKey? DevelopmentKey(SecurityOptions options, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(options.DevelopmentSigningKey))
            return null;
        if (!environment.IsDevelopment())
            throw new InvalidOperationException(
                $"Authentication:DevelopmentSigningKey is set in the {environment.EnvironmentName} environment. It is only for Development; "
                + "configure Authentication:Authority and Authentication:Audience for a real issuer instead.");
        var key = Convert.FromBase64String(options.DevelopmentSigningKey);
        if (key.Length < 32)
            throw new InvalidOperationException("Authentication:DevelopmentSigningKey must be at least 32 bytes (base64).");
        return new SymmetricSecurityKey(key) { KeyId = "development" };
    }
}

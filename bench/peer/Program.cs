using System.Security.Claims;
using IntegrationGovernance.Bench.Peer;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

// The benchmark's hand-written peer: B1, B3a and B5 over raw Npgsql, behind the API's token validation (see README.md).
var builder = WebApplication.CreateSlimBuilder(args);
var configuration = builder.Configuration;
// as the API's appsettings.json: the framework's own logs from warnings up (the peer writes no request log of its own)
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

// the API's connection string; the peer's few statements prepared on each connection as they are first used
var dataSource = new NpgsqlDataSourceBuilder(
    configuration.GetConnectionString("Register") ?? throw new InvalidOperationException("ConnectionStrings:Register is not set."));
dataSource.ConnectionStringBuilder.MaxAutoPrepare = 16;
builder.Services.AddSingleton(dataSource.Build());
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, PeerJson.Default));
// the stored responses are protected as the API protects them (its key ring is in the database; the peer's in a folder)
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(
    configuration["Peer:KeysFolder"] ?? Path.Combine(Path.GetTempPath(), "bench-peer-keys")));

// the API's bearer validation in Production: a pinned issuer, its public keys from a JSON Web Key Set file, one audience
var issuer = configuration["Authentication:Issuer"] ?? throw new InvalidOperationException("Authentication:Issuer is not set.");
var keysFile = configuration["Authentication:SigningKeysFile"] ?? throw new InvalidOperationException("Authentication:SigningKeysFile is not set.");
var audience = configuration["Authentication:Audience"] ?? "integration-governance";
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
{
    jwt.MapInboundClaims = false;
    jwt.Audience = audience;
    jwt.TokenValidationParameters = new TokenValidationParameters
    {
        ValidateIssuer = true,
        ValidIssuer = issuer,
        ValidateAudience = true,
        ValidAudience = audience,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
        ValidAlgorithms =
        [
            SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
            SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384,
        ],
        IssuerSigningKeys = new JsonWebKeySet(File.ReadAllText(keysFile)).GetSigningKeys(),
    };
});
var authorization = builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
foreach (var scope in new[] { Scopes.RegisterRead, Scopes.RegisterWrite, Scopes.FinanceRead })
    authorization.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.HasScope(scope)));

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
var api = app.MapGroup("/api/v1");
api.MapGet("/agreements/{id:guid}", AgreementReads.GetAgreement).RequireAuthorization(Scopes.RegisterRead);
api.MapPost("/agreements", AgreementWrites.CreateAgreement).RequireAuthorization(Scopes.RegisterWrite);
api.MapGet("/pooled-funds/{id:guid}/summary", FundSummaries.GetFundSummary).RequireAuthorization(Scopes.FinanceRead);
app.MapGet("/health/ready", () => "ready").AllowAnonymous();
app.Run();

namespace IntegrationGovernance.Bench.Peer
{
    /// <summary>The API's scopes, as its token's <c>scope</c> claim carries them; admin satisfies every one.</summary>
    internal static class Scopes
    {
        public const string RegisterRead = "register:read";
        public const string RegisterWrite = "register:write";
        public const string FinanceRead = "finance:read";

        public static bool HasScope(this ClaimsPrincipal user, string scope)
        {
            foreach (var claim in user.FindAll("scope"))
                foreach (var granted in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (granted == scope || granted == "admin")
                        return true;
            return false;
        }
    }
}

using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IntegrationGovernance.Api.Security;

/// <summary>Mints tokens signed with the development key (only ever present in the Development environment).</summary>
public sealed class DevelopmentTokens(SecurityKey? key)
{
    public bool Available => key is not null;

    public string Mint(string subject, string? organisation, IEnumerable<string> scopes, string audience, TimeSpan lifetime)
    {
        if (key is null)
            throw new InvalidOperationException("No development signing key: tokens can only be minted in the Development environment.");
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            [Scopes.ScopeClaim] = string.Join(' ', scopes),
        };
        if (organisation is not null)
            claims[Scopes.OrganisationClaim] = organisation;
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SecurityOptions.DevelopmentIssuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// <c>token --sub alice --org E06000022 --scope register:read --scope register:write --hours 8</c>:
    /// prints a development token (scripts/token runs this).
    /// </summary>
    public static bool IsRequested(string[] args) => args is ["token", ..];

    public static int Print(IServiceProvider services, IConfiguration configuration, string[] args)
    {
        var tokens = services.GetRequiredService<DevelopmentTokens>();
        if (!tokens.Available)
        {
            Console.Error.WriteLine("No Authentication:DevelopmentSigningKey in this environment; development tokens exist only in Development.");
            return 1;
        }
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var scopes = args.Select((a, i) => (a, i)).Where(x => x.a == "--scope" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
        var unknown = scopes.Except(Scopes.All).ToList();
        if (scopes.Count == 0 || unknown.Count > 0)
        {
            Console.Error.WriteLine($"Give one or more --scope of: {string.Join(", ", Scopes.All)}{(unknown.Count > 0 ? $" (unknown: {string.Join(", ", unknown)})" : string.Empty)}");
            return 2;
        }
        var hours = double.Parse(Option("--hours") ?? "8", CultureInfo.InvariantCulture);
        var audience = configuration[$"{SecurityOptions.Section}:Audience"] ?? new SecurityOptions().Audience;
        Console.WriteLine(tokens.Mint(Option("--sub") ?? "developer", Option("--org"), scopes, audience, TimeSpan.FromHours(hours)));
        return 0;
    }
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary>
/// Signing secrets at rest: made here, stored only protected by ASP.NET Core Data Protection (keys in the database),
/// revealed only to sign a delivery. A stored value that still starts <c>whsec_</c> was saved before secrets were
/// protected; it signs as it is until <see cref="LegacyWebhookSecrets"/> protects it.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private const string Prefix = "whsec_";

    /// <summary>A secret as the subscriber is shown it: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public const string Pattern = "^whsec_[A-Za-z0-9+/]{43}=$";

    public const int Length = 50;
    private readonly IDataProtector _protector = provider.CreateProtector("IntegrationGovernance.Webhooks.SigningSecret.v1");

    /// <summary>A new Standard Webhooks secret, to show the subscriber once, and its protected form, to store.</summary>
    public (string Secret, string Protected) New()
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return (secret, Protect(secret));
    }

    public string Protect(string secret) => _protector.Protect(secret);

    public string Reveal(string stored) => IsPlain(stored) ? stored : _protector.Unprotect(stored);

    public static bool IsPlain(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// The opaque cursors of keyset paging. A cursor carries the last key of a page, the list it was issued for (the path and
/// every query parameter but <c>cursor</c> and <c>limit</c>, hashed) and when; it is encrypted and signed with ASP.NET Core
/// Data Protection, whose key ring is the register's own (in its database), so any instance reads what another issued.
/// A cursor that was forged or tampered with, issued for another list (another path or other filters), or issued more than
/// <see cref="Lifetime"/> ago, or under a key no longer in the ring, is refused: never read as a key it does not hold.
/// </summary>
public sealed class PageCursors(IDataProtectionProvider provider, TimeProvider clock)
{
    /// <summary>How long a cursor is good for: long enough to walk any list, short enough that an old link is not kept as an address.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly IDataProtector _protector = provider.CreateProtector("IntegrationGovernance.Paging.Cursor.v1");

    public static PageCursors Of(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<PageCursors>();

    public string Issue<TKey>(TKey key, string list)
    {
        var sealedCursor = new SealedCursor(list, clock.GetUtcNow().ToUnixTimeSeconds(), JsonSerializer.SerializeToElement(key));
        return Base64Url.EncodeToString(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(sealedCursor)));
    }

    /// <summary>The key a cursor issued for <paramref name="list"/> carries; false for any cursor this API did not issue for it, or that has expired.</summary>
    public bool TryRead<TKey>(string cursor, string list, out TKey? key)
    {
        key = default;
        try
        {
            var opened = JsonSerializer.Deserialize<SealedCursor>(_protector.Unprotect(Base64Url.DecodeFromChars(cursor)));
            if (opened is null || opened.List != list)
                return false;
            var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(opened.IssuedAt);
            if (age > Lifetime || age < -TimeSpan.FromMinutes(5))
                return false;
            key = opened.Key.Deserialize<TKey>();
            return key is not null;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or JsonException or NotSupportedException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Which list a request reads: its path and its query parameters, less the page's own (<c>cursor</c>, <c>limit</c>), in a fixed order.</summary>
    public static string ListOf(HttpRequest request)
    {
        var text = new StringBuilder(request.Path.Value);
        foreach (var (name, values) in request.Query.Where(q => !IsPaging(q.Key)).OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var value in values)
                text.Append('\n').Append(name.ToLowerInvariant()).Append('=').Append(value);
        }
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))[..16]);
    }

    private static bool IsPaging(string name) =>
        string.Equals(name, "cursor", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "limit", StringComparison.OrdinalIgnoreCase);

    private sealed record SealedCursor(string List, long IssuedAt, JsonElement Key);
}

using System.Net;
using System.Net.Sockets;

namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary>
/// Refuses webhook targets that would let a subscriber make the register call into its own network (SSRF):
/// non-https outside Development, and hosts that resolve to loopback, link-local or private addresses
/// unless configuration allows them. Checked when subscribing and again before every delivery.
/// </summary>
public static class WebhookTargetGuard
{
    public static async Task<string?> ProblemAsync(string url, WebhookOptions options, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("https" or "http"))
            return "The target is an absolute http(s) URL.";
        if (options.RequireHttps && target.Scheme != "https")
            return "The target must use https.";
        if (options.AllowPrivateNetworks)
            return null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(target.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.DnsSafeHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The target host {target.Host} cannot be resolved.";
        }
        return addresses.Length == 0 || addresses.Any(IsPrivate)
            ? $"The target host {target.Host} resolves to a loopback, link-local or private address, which deliveries may not reach."
            : null;
    }

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] == 0;
    }
}

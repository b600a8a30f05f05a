using System.Net;
using System.Net.Sockets;

namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary>
/// The addresses a delivery may not reach: everything that is not globally reachable unicast (IANA's
/// special-purpose registries), so a subscriber cannot make the register call into its own network or the cloud
/// provider's. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
/// </summary>
public static class BlockedAddresses
{
    public static readonly IReadOnlyList<IPNetwork> IPv4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), // "this network"
        IPNetwork.Parse("10.0.0.0/8"), // private
        IPNetwork.Parse("100.64.0.0/10"), // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"), // loopback
        IPNetwork.Parse("169.254.0.0/16"), // link-local, cloud metadata
        IPNetwork.Parse("172.16.0.0/12"), // private
        IPNetwork.Parse("192.0.0.0/24"), // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"), // documentation
        IPNetwork.Parse("192.88.99.0/24"), // 6to4 relay anycast
        IPNetwork.Parse("192.168.0.0/16"), // private
        IPNetwork.Parse("198.18.0.0/15"), // benchmarking
        IPNetwork.Parse("198.51.100.0/24"), // documentation
        IPNetwork.Parse("203.0.113.0/24"), // documentation
        IPNetwork.Parse("224.0.0.0/4"), // multicast
        IPNetwork.Parse("240.0.0.0/4"), // reserved, and broadcast
    ];

    public static readonly IReadOnlyList<IPNetwork> IPv6 =
    [
        IPNetwork.Parse("64:ff9b:1::/48"), // local-use NAT64
        IPNetwork.Parse("100::/64"), // discard
        IPNetwork.Parse("2001::/32"), // Teredo
        IPNetwork.Parse("2001:2::/48"), // benchmarking
        IPNetwork.Parse("2001:db8::/32"), // documentation
        IPNetwork.Parse("3fff::/20"), // documentation
        IPNetwork.Parse("fc00::/7"), // unique local
        IPNetwork.Parse("fe80::/10"), // link-local
        IPNetwork.Parse("fec0::/10"), // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"), // multicast
    ];

    // IPv6 outside it is reserved, local or multicast, whatever the table above names
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork Translated = IPNetwork.Parse("::ffff:0:0:0/96");
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96"); // holds :: and ::1 too: 0.0.0.0/8
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static bool IsBlocked(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return IPv4.Any(range => range.Contains(address));
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return true;
        if (address.ScopeId != 0)
            address = new IPAddress(address.GetAddressBytes());
        if (EmbeddedIPv4(address) is { } embedded)
            return IsBlocked(embedded);
        return !GlobalUnicast.Contains(address) || IPv6.Any(range => range.Contains(address));
    }

    /// <summary>The IPv4 address an IPv6 address carries, for the forms that reach IPv4 hosts (mapped ::ffff:0:0/96 too,
    /// which <see cref="IPNetwork.Contains"/> does not match).</summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6 || Translated.Contains(address) || Compatible.Contains(address) || Nat64.Contains(address))
            return new IPAddress(bytes.AsSpan(12, 4));
        if (SixToFour.Contains(address))
            return new IPAddress(bytes.AsSpan(2, 4));
        return null;
    }
}

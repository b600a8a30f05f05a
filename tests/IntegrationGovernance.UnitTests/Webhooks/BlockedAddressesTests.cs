using System.Net;
using IntegrationGovernance.Infrastructure.Webhooks;

namespace IntegrationGovernance.UnitTests.Webhooks;

public sealed class BlockedAddressesTests
{
    [Theory]
    // each range at its first and last address
    [InlineData("0.0.0.0")]
    [InlineData("0.255.255.255")]
    [InlineData("10.0.0.0")]
    [InlineData("10.255.255.255")]
    [InlineData("100.64.0.0")]
    [InlineData("100.127.255.255")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.255")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.0.0")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.0")]
    [InlineData("192.0.0.255")]
    [InlineData("192.0.2.1")]
    [InlineData("192.88.99.1")]
    [InlineData("192.168.0.0")]
    [InlineData("192.168.255.255")]
    [InlineData("198.18.0.0")]
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("224.0.0.0")]
    [InlineData("239.255.255.255")]
    [InlineData("240.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fe80::1%2")]
    [InlineData("febf:ffff::1")]
    [InlineData("fec0::1")]
    [InlineData("fc00::1")]
    [InlineData("fdff:ffff::1")]
    [InlineData("ff02::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001::1")]
    [InlineData("100::1")]
    [InlineData("64:ff9b:1::1")]
    [InlineData("3fff::1")]
    [InlineData("fe00::1")]
    [InlineData("1fff:ffff::1")]
    [InlineData("4000::1")]
    // IPv6 forms carrying a blocked IPv4 address
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:0:10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::10.1.2.3")]
    [InlineData("64:ff9b::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b::192.168.1.1")]
    [InlineData("2002:7f00:0001::")]
    [InlineData("2002:0a00:0001:1234::5")]
    [InlineData("2002:a9fe:a9fe::1")]
    public void Addresses_that_are_not_globally_reachable_are_blocked(string address) =>
        Assert.True(BlockedAddresses.IsBlocked(IPAddress.Parse(address)), address);

    [Theory]
    // just outside each range that has a public neighbour
    [InlineData("1.0.0.0")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("191.255.255.255")]
    [InlineData("192.0.1.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("81.2.69.142")]
    [InlineData("2a00:1450:4009:81f::200e")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2000::1")]
    [InlineData("3ffe:ffff::1")]
    // IPv6 forms carrying a public IPv4 address reach a public host
    [InlineData("::ffff:81.2.69.142")]
    [InlineData("64:ff9b::81.2.69.142")]
    [InlineData("2002:5102:458e::1")]
    public void Globally_reachable_addresses_are_not_blocked(string address) =>
        Assert.False(BlockedAddresses.IsBlocked(IPAddress.Parse(address)), address);

    [Fact]
    public void Every_range_in_the_table_is_blocked_from_its_first_address_to_its_last()
    {
        foreach (var range in BlockedAddresses.IPv4.Concat(BlockedAddresses.IPv6))
        {
            var first = range.BaseAddress.GetAddressBytes();
            var last = (byte[])first.Clone();
            for (var bit = range.PrefixLength; bit < last.Length * 8; bit++)
                last[bit / 8] |= (byte)(0x80 >> (bit % 8));
            Assert.True(BlockedAddresses.IsBlocked(new IPAddress(first)), $"{range} first");
            Assert.True(BlockedAddresses.IsBlocked(new IPAddress(last)), $"{range} last");
        }
    }

    [Theory]
    [InlineData("::ffff:7f00:1", "127.0.0.1")]
    [InlineData("::0a01:0203", "10.1.2.3")]
    [InlineData("64:ff9b::0a00:0001", "10.0.0.1")]
    [InlineData("2002:c0a8:0101::", "192.168.1.1")]
    public void The_embedded_IPv4_address_is_read_from_each_form(string v6, string v4) =>
        Assert.Equal(IPAddress.Parse(v4), BlockedAddresses.EmbeddedIPv4(IPAddress.Parse(v6)));
}

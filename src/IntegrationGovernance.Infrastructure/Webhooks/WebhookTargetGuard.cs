using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary>
/// Refuses webhook targets that would let a subscriber make the register call into its own network (SSRF):
/// non-https where https is required, and hosts with any address in <see cref="BlockedAddresses"/> unless
/// configuration allows private networks. Checked when subscribing, and again as every delivery connects:
/// <see cref="ConnectAsync"/> resolves the name once, vets every address and connects to a vetted one, so
/// a name that answers differently the second time (DNS rebinding) gains nothing.
/// </summary>
public sealed class WebhookTargetGuard(IOptions<WebhookOptions> options, IHostResolver resolver, WebhookAddressAllowance allowance)
{
    /// <summary>What is wrong with the URL itself, before any name is looked up.</summary>
    public string? UrlProblem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("https" or "http"))
            return "The target is an absolute http(s) URL.";
        if (options.Value.RequireHttps && target.Scheme != "https")
            return "The target must use https.";
        return null;
    }

    /// <summary>Why a subscription may not have this target, or null.</summary>
    public async Task<string?> ProblemAsync(string url, CancellationToken cancellationToken)
    {
        if (UrlProblem(url) is { } problem)
            return problem;
        var target = new Uri(url);
        try
        {
            await VettedAddressesAsync(target.DnsSafeHost, cancellationToken);
            return null;
        }
        catch (SocketException)
        {
            return $"The target host {target.Host} cannot be resolved.";
        }
        catch (WebhookTargetRefusedException)
        {
            return $"The target host {target.Host} resolves to a loopback, link-local, private or reserved address, which deliveries may not reach.";
        }
    }

    /// <summary>
    /// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the deliveries' client: one resolution, every
    /// address vetted, a connection to the first vetted address that answers.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await VettedAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        SocketException? failed = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failed = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw failed ?? new SocketException((int)SocketError.HostNotFound);
    }

    private async Task<IPAddress[]> VettedAddressesAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
            throw new SocketException((int)SocketError.HostNotFound);
        if (!options.Value.AllowPrivateNetworks && addresses.Any(a => BlockedAddresses.IsBlocked(a) && !allowance.Allows(a)))
            throw new WebhookTargetRefusedException();
        return addresses;
    }
}

/// <summary>The target's name resolved to an address deliveries may not reach.</summary>
public sealed class WebhookTargetRefusedException() : Exception("The target resolves to an address deliveries may not reach.");

/// <summary>Looks a host name up; the one place a delivery's name is resolved.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>
/// Blocked addresses that deliveries may reach all the same. The API allows none (an operator who means its
/// receivers to be on a private network sets <see cref="WebhookOptions.AllowPrivateNetworks"/>); the
/// integration tests register loopback, where their receivers listen.
/// </summary>
public sealed class WebhookAddressAllowance(params IPNetwork[] networks)
{
    public static readonly WebhookAddressAllowance None = new();

    public bool Allows(IPAddress address) => networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
}

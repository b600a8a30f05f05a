using System.Collections.Concurrent;
using System.Net;
using IntegrationGovernance.Infrastructure.Webhooks;

namespace IntegrationGovernance.IntegrationTests.Webhooks;

/// <summary>
/// Names the tests make up (under <c>.test</c>, which DNS never answers), resolved to the addresses a test
/// chooses, in turn (the last answer repeats); every lookup is counted. Other names go to DNS.
/// </summary>
public sealed class TestHostResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly DnsHostResolver _dns = new();

    public ConcurrentQueue<string> Lookups { get; } = new();

    public void Answer(string host, params IPAddress[][] answers) => _answers[host] = new ConcurrentQueue<IPAddress[]>(answers);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Lookups.Enqueue(host);
        if (!_answers.TryGetValue(host, out var answers))
            return _dns.ResolveAsync(host, cancellationToken);
        if (answers.Count > 1 && answers.TryDequeue(out var next))
            return Task.FromResult(next);
        return Task.FromResult(answers.TryPeek(out var last) ? last : []);
    }
}

using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Api.Webhooks;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.Infrastructure.Webhooks;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>
/// Every operation in openapi/v1.json, fuzzed with random and malformed paths, query strings, headers and bodies
/// (<see cref="RequestFuzzer"/>), from a fixed seed and within a time cap. Whatever is sent: never a 5xx, every
/// refusal is application/problem+json as the contract declares it (its fields, a documented type, the RateLimit and
/// correlation headers), and a refused request writes nothing (no audit row, no revision).
/// </summary>
public sealed class FuzzingTests(RegisterApiFactory api, ITestOutputHelper output) : IClassFixture<RegisterApiFactory>
{
    // The whole run follows from this seed (FUZZ_SEED replaces it, to explore); a failing request's own CsCheck seed is printed.
    private static readonly string Seed = Environment.GetEnvironmentVariable("FUZZ_SEED") is { Length: > 0 } explore ? explore : "0000001diAi7";
    // requests to each operation: Rounds, unless the time cap comes first; never fewer than MinimumRounds
    private const int Rounds = 30;
    private const int MinimumRounds = 5;
    private static readonly TimeSpan TimeCap = TimeSpan.FromSeconds(20);

    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly SortedDictionary<int, int> _statuses = [];

    [Fact]
    public async Task No_request_gets_a_5xx_or_a_refusal_that_is_not_a_problem_or_that_writes()
    {
        var contract = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "openapi", "v1.json")))!;
        var operations = ContractOperation.ReadAll(contract);
        var fuzzer = new RequestFuzzer(contract, await CreateRecordsAsync(api.CreateClient()));
        var requests = operations.ToDictionary(o => o.Id, fuzzer.For);

        var master = PCG.Parse(Seed);
        var clock = Stopwatch.StartNew();
        var writes = await CountWritesAsync();
        var rounds = 0;
        // round by round, so that if time runs out every operation has had as many requests as the others
        for (; rounds < Rounds && (rounds < MinimumRounds || clock.Elapsed < TimeCap); rounds++)
        {
            foreach (var operation in operations)
            {
                // CsCheck seeds only a sample's first iteration (the rest are random), so each request is a one-iteration sample of its own seed
                var requestSeed = new PCG(master.Next(), master.Next64()).ToString();
                await requests[operation.Id].SampleAsync(
                    async request => writes = await SendAndCheckAsync(operation, request, writes),
                    seed: requestSeed, iter: 1, threads: 1, print: request => $"{operation.Id} (seed {Seed}, round {rounds + 1}):\n{request}");
            }
        }

        output.WriteLine($"Seed {Seed}: {rounds} request(s) to each of {operations.Count} operations in {clock.Elapsed.TotalSeconds:0.0} s; "
            + $"statuses: {string.Join(", ", _statuses.Select(s => $"{s.Key}×{s.Value}"))}");
    }

    /// <returns>What the audit trail and history hold after the request.</returns>
    private async Task<string> SendAndCheckAsync(ContractOperation operation, FuzzRequest request, string writesBefore)
    {
        using var message = request.ToMessage();
        using var response = await ClientFor(operation, request).SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        var writesAfter = await CountWritesAsync();
        var status = (int)response.StatusCode;
        _statuses[status] = _statuses.GetValueOrDefault(status) + 1;

        var answer = $"answered {status} ({response.Content.Headers.ContentType?.ToString() ?? "no content type"}): {FuzzRequest.Shorten(body, 800)}";
        Assert.True(status < 500, $"A server error: {answer}");
        if (response.IsSuccessStatusCode)
            return writesAfter;
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"A refusal that is not a problem: {answer}");
        Assert.True(ProblemStatus(body) == status, $"A problem without its status: {answer}");
        var shape = ShapeProblem(body);
        Assert.True(shape is null, $"A problem not as the contract declares it ({shape}): {answer}");
        foreach (var header in new[] { "RateLimit", "RateLimit-Policy", "X-Correlation-Id" })
            Assert.True(response.Headers.Contains(header), $"A refusal without {header}: {answer}");
        Assert.True(writesAfter == writesBefore, $"A refused request wrote: {writesBefore} before, {writesAfter} after; {answer}");
        return writesAfter;
    }

    /// <summary>What is wrong with a problem's body against the contract's problem schema (declared fields only, the required
    /// ones there, a documented type); null when nothing is.</summary>
    private static string? ShapeProblem(string body)
    {
        if (JsonNode.Parse(body) is not JsonObject problem)
            return "not an object";
        string[] declared = ["type", "title", "status", "detail", "instance", "errors", "errorCount", "rejectedRows", "traceId", "correlationId"];
        string[] required = ["type", "title", "status", "instance", "traceId", "correlationId"];
        if (problem.Select(p => p.Key).Except(declared).FirstOrDefault() is { } extra)
            return $"an undeclared field {extra}";
        if (required.FirstOrDefault(r => problem[r] is null) is { } missing)
            return $"no {missing}";
        return Api.Http.ProblemTypes.All.Contains((string?)problem["type"]) ? null : $"an undocumented type {problem["type"]}";
    }

    private static int? ProblemStatus(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["status"] is JsonValue value && value.TryGetValue<int>(out var status) ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Task<string> CountWritesAsync() => Sql.ScalarAsync<string>(api.ConnectionString,
        "SELECT format('%s audit rows, %s revisions', (SELECT count(*) FROM audit), (SELECT count(*) FROM revisions))");

    private HttpClient ClientFor(ContractOperation operation, FuzzRequest request)
    {
        // a subject per operation keeps each under the rate limit, which would otherwise answer most of the run with 429
        var key = request.Caller switch
        {
            Caller.Admin => $"admin {operation.Id}",
            Caller.Scoped => $"{operation.Id} {request.CallerDetail}",
            _ => "anonymous", // a forged token is sent as the request's own Authorization header
        };
        if (!_clients.TryGetValue(key, out var client))
        {
            _clients[key] = client = request.Caller switch
            {
                Caller.Admin => api.CreateClientAs($"fuzz-admin-{operation.Id}", null, Scopes.Admin),
                Caller.Scoped => api.CreateClientAs($"fuzz-{operation.Id}", request.CallerDetail, operation.RequiredScope),
                _ => api.CreateAnonymousClient(),
            };
        }
        return client;
    }

    /// <summary>One of each kind of record, so path and body ids can be real; and spares for what cannot be undone.</summary>
    private async Task<RealValues> CreateRecordsAsync(HttpClient admin)
    {
        var (fund, parties) = await admin.FundAsync("Fuzz");
        var people = await admin.CouncilCcgAndSection113Async("Fuzz people");
        var manager = await admin.PostAsync(people.Council.Id, "Fuzz manager");
        var report = await admin.PostAsync(people.Council.Id, "Fuzz report");
        var line = await admin.LineAsync(Support.People.Line(report, manager));
        var secondment = await (await admin.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(people)))
            .ReadAsync<SecondmentResponse>(HttpStatusCode.Created);
        var predecessor = await admin.CreateOrganisationAsync(Register.Organisation("Fuzz predecessor"));
        var successor = await admin.CreateOrganisationAsync(Register.Organisation("Fuzz successor"));
        var succession = await admin.RecordSuccessionAsync(Register.Succession([predecessor], [successor], "2020-04-01", SuccessionKind.Rename));
        var subscriber = api.CreateClientAs("fuzz-subscriber", parties.Council.GssCode, Scopes.RegisterRead);
        var subscription = await SubscribeAsync(subscriber);
        var spareSubscription = await SubscribeAsync(subscriber);
        var spareOrganisation = await admin.CreateOrganisationAsync(Register.Organisation("Fuzz spare"));
        var (spareAgreement, _) = await admin.CreateAgreementAsync(Support.Agreements.Section75($"FUZZ-SPARE-{Guid.NewGuid():N}"[..24], parties));
        // the records made since subscribing become deliveries, so redelivery can be aimed at real ones
        await using (var scope = api.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().RunOnceAsync(CancellationToken.None);
        var deliveries = await (await subscriber.GetAsync($"/api/v1/webhook-subscriptions/{subscription}/deliveries"))
            .ReadItemsAsync<WebhookDeliveryResponse>(HttpStatusCode.OK);

        return new RealValues(
            Ids: new Dictionary<string, string[]>
            {
                ["organisations"] = Strings(parties.Council.Id, parties.Pct.Id, people.Council.Id, people.Ccg.Id, predecessor.Id, successor.Id),
                ["agreements"] = Strings(fund.AgreementId, people.Section113.Id),
                ["pooled-funds"] = Strings(fund.Id),
                ["posts"] = Strings(manager.Id, report.Id),
                ["accountability-lines"] = Strings(line.Id),
                ["secondments"] = Strings(secondment.Id),
                ["successions"] = Strings(succession.Id),
                ["webhook-subscriptions"] = Strings(subscription),
            },
            SpareIds: new Dictionary<string, string[]>
            {
                ["organisations"] = Strings(spareOrganisation.Id),
                ["agreements"] = Strings(spareAgreement.Id),
                ["webhook-subscriptions"] = Strings(spareSubscription),
            },
            DeliveryIds: [.. deliveries.Select(d => d.Id.ToString(CultureInfo.InvariantCulture)).DefaultIfEmpty("1")],
            OrganisationCodes: [parties.Council.GssCode!, people.Council.GssCode!, "E99999999", "not-a-code"]);
    }

    private static string[] Strings(params Guid[] ids) => [.. ids.Select(id => id.ToString())];

    private static async Task<Guid> SubscribeAsync(HttpClient subscriber) =>
        (await (await subscriber.PostJsonAsync("/api/v1/webhook-subscriptions", new WebhookSubscriptionRequest { TargetUrl = "http://127.0.0.1:9/hook" }))
            .ReadAsync<CreatedWebhookSubscriptionResponse>(HttpStatusCode.Created)).Subscription.Id;
}

/// <summary>An operation of the published contract, as the fuzzer aims at it.</summary>
public sealed record ContractOperation(
    string Id, string Method, string Path, IReadOnlyList<JsonNode> Parameters, JsonNode? Body, bool TakesCsv,
    string RequiredScope, IReadOnlyList<string> UnmappedMethods)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static IReadOnlyList<ContractOperation> ReadAll(JsonNode contract) =>
    [
        .. from path in contract["paths"]!.AsObject()
           from operation in path.Value!.AsObject()
           let content = operation.Value!["requestBody"]?["content"]
           select new ContractOperation(
               (string)operation.Value["operationId"]!, operation.Key.ToUpperInvariant(), path.Key,
               [.. operation.Value["parameters"]?.AsArray().Select(p => p!) ?? []],
               content?["application/json"]?["schema"], content?["text/csv"] is not null,
               (string)operation.Value["x-required-scopes"]![0]!,
               [.. Methods.Except(path.Value.AsObject().Select(o => o.Key.ToUpperInvariant()))]),
    ];

    /// <summary>Closing, deleting and transitioning cannot be undone, so they are aimed at records of their own.</summary>
    public bool IsDestructive => Method == "DELETE" || Path.EndsWith("/close", StringComparison.Ordinal) || Path.EndsWith("/transitions", StringComparison.Ordinal);
}

public enum Caller { Admin, Anonymous, ForgedToken, Scoped }

/// <summary>One generated request. <see cref="CallerDetail"/> is the organisation of a scoped caller, or a forged Authorization header.</summary>
public sealed record FuzzRequest(
    Caller Caller, string? CallerDetail, string Method, string Url, ImmutableList<(string Name, string Value)> Headers, string? ContentType, byte[]? Body)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Caller == Caller.ForgedToken)
            message.Headers.TryAddWithoutValidation("Authorization", CallerDetail);
        foreach (var (name, value) in Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        return message;
    }

    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {Shorten(Url)}\ncaller: {Caller} {Shorten(CallerDetail ?? string.Empty, 100)}\n");
        foreach (var (name, value) in Headers)
            text.Append($"{name}: {Shorten(value, 300)}\n");
        if (Body is not null)
            text.Append($"Content-Type: {ContentType ?? "(none)"}\nbody ({Body.Length} bytes): {Shorten(Encoding.UTF8.GetString(Body))}\n");
        return text.ToString();
    }

    public static string Shorten(string text, int max = 1500) => text.Length <= max ? text : $"{text[..max]}... ({text.Length} chars)";
}

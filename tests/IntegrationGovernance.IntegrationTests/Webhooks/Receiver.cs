using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntegrationGovernance.IntegrationTests.Webhooks;

/// <summary>A real HTTP receiver on loopback that records what it is sent, and fails on demand.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _inFlight;

    private Receiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>How many requests to answer 500 before answering 200 (-1: fail them all).</summary>
    public int FailFirst { get; set; }

    /// <summary>The most requests seen in progress at once.</summary>
    public int MaxInFlight { get; private set; }

    public TimeSpan Delay { get; set; }

    /// <summary>While set, each request waits until it completes; <see cref="Arrived"/> is set when the first is waiting.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answer 302 with this <c>Location</c> instead.</summary>
    public string? RedirectTo { get; set; }

    public string Url => _app.Urls.First() + "/hook";

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new Receiver(app);
        // every method, so a redirect followed as a GET is seen too
        app.Map("/hook", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var now = Interlocked.Increment(ref _inFlight);
        lock (Requests)
            MaxInFlight = Math.Max(MaxInFlight, now);
        try
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            if (Hold is { } hold)
            {
                Arrived.TrySetResult();
                await hold.Task;
            }
            if (Delay > TimeSpan.Zero)
                await Task.Delay(Delay);
            Requests.Enqueue(new Received(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), body));
            var count = Requests.Count;
            if (RedirectTo is not null)
                return Results.Redirect(RedirectTo);
            return FailFirst == -1 || count <= FailFirst ? Results.StatusCode(500) : Results.Ok();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

public sealed record Received(string Id, string Timestamp, string Signature, string Body);

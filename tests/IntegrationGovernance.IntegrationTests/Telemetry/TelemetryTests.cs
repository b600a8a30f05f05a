using System.Collections;
using System.Diagnostics;
using System.Net;
using IntegrationGovernance.IntegrationTests.Support;
using IntegrationGovernance.IntegrationTests.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace IntegrationGovernance.IntegrationTests.Telemetry;

/// <summary>
/// The register's traces and metrics, caught by the OpenTelemetry in-memory exporter the tests add beside its own configuration
/// (which exports nothing here: no OTLP endpoint is set). Activity sources are process-wide and other test classes run beside this
/// one, so each test follows the trace it started itself.
/// </summary>
public sealed class TelemetryTests(TelemetryTests.TelemetryFactory api) : IClassFixture<TelemetryTests.TelemetryFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_tracer_and_meter_providers_are_registered()
    {
        Assert.NotNull(api.Services.GetService<TracerProvider>());
        Assert.NotNull(api.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task A_request_is_traced_as_a_server_span_named_by_its_route_with_its_sql_beneath()
    {
        var trace = ActivityTraceId.CreateRandom();
        var ended = api.Signal.WhenServerSpanEnds(trace);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Register.Organisations}?limit=1");
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        var response = await api.CreateClient().SendAsync(request);
        await ended.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var spans = api.Spans.Snapshot().Where(s => s.TraceId == trace).ToList();
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        Assert.Equal("/api/v{version:apiVersion}/organisations/", server.GetTagItem("http.route"));
        Assert.Equal("GET /api/v{version:apiVersion}/organisations/", server.DisplayName);
        Assert.Equal(200, server.GetTagItem("http.response.status_code"));
        Assert.Contains(spans, s => s.Source.Name == "Npgsql" && s.Kind == ActivityKind.Client);
    }

    [Fact]
    public async Task A_webhook_delivery_is_traced_as_an_outbound_http_span()
    {
        await using var receiver = await Receiver.StartAsync();
        var admin = api.CreateClient();
        await admin.SubscribeAsync(receiver.Url, "organisations");
        await admin.CreateOrganisationAsync(Register.Organisation("Traced delivery council"));

        using var parent = new Activity("webhook round under test");
        parent.SetIdFormat(ActivityIdFormat.W3C);
        parent.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        parent.Start();
        await api.RunWebhookWorkerAsync();
        parent.Stop();

        Assert.Single(receiver.Requests);
        var outbound = api.Spans.Snapshot().Where(s => s.TraceId == parent.TraceId && s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http").ToList();
        var delivery = Assert.Single(outbound);
        Assert.Equal("POST", delivery.GetTagItem("http.request.method"));
        Assert.Equal(new Uri(receiver.Url).Port, delivery.GetTagItem("server.port"));
    }

    [Fact]
    public async Task Requests_are_measured_by_route_and_status()
    {
        var trace = ActivityTraceId.CreateRandom();
        var ended = api.Signal.WhenServerSpanEnds(trace);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/changes/head");
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().SendAsync(request)).StatusCode);
        await ended.WaitAsync(Patience);
        api.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var durations = api.Metrics.Snapshot().Where(m => m.Name == "http.server.request.duration").ToList();
        Assert.NotEmpty(durations);
        Assert.Contains(durations.SelectMany(Points), point => Tag(point, "http.route") == "/api/v{version:apiVersion}/changes/head"
            && Tag(point, "http.response.status_code") == "200");
    }

    private static IEnumerable<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
            points.Add(point);
        return points;
    }

    private static string? Tag(MetricPoint point, string name)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == name)
                return Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return null;
    }

    /// <summary>The API with the in-memory exporters, for traces and for metrics, and a signal for a trace's server span ending.</summary>
    public sealed class TelemetryFactory : RegisterApiFactory
    {
        public Collected<Activity> Spans { get; } = new();

        public Collected<Metric> Metrics { get; } = new();

        public SpanSignal Signal { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                // the exporter first: by the time a span's end is signalled, it has been collected
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans).AddProcessor(Signal));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
            });
        }
    }

    /// <summary>Completes when the server span of a trace ends.</summary>
    public sealed class SpanSignal : BaseProcessor<Activity>
    {
        private readonly Dictionary<ActivityTraceId, TaskCompletionSource> _waiting = [];

        public Task WhenServerSpanEnds(ActivityTraceId trace)
        {
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_waiting)
                _waiting[trace] = ended;
            return ended.Task;
        }

        public override void OnEnd(Activity data)
        {
            if (data.Kind != ActivityKind.Server)
                return;
            lock (_waiting)
            {
                if (_waiting.Remove(data.TraceId, out var ended))
                    ended.TrySetResult();
            }
        }
    }

    /// <summary>What an exporter collected, safe to add to from the threads spans end on and to read from a test.</summary>
    public sealed class Collected<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count
        {
            get { lock (_items) return _items.Count; }
        }

        public bool IsReadOnly => false;

        public List<T> Snapshot()
        {
            lock (_items)
                return [.. _items];
        }

        public void Add(T item)
        {
            lock (_items)
                _items.Add(item);
        }

        public void Clear()
        {
            lock (_items)
                _items.Clear();
        }

        public bool Contains(T item)
        {
            lock (_items)
                return _items.Contains(item);
        }

        public void CopyTo(T[] array, int arrayIndex)
        {
            lock (_items)
                _items.CopyTo(array, arrayIndex);
        }

        public bool Remove(T item)
        {
            lock (_items)
                return _items.Remove(item);
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

using System.Text.Json;
using IntegrationGovernance.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Serilog.Events;
using Serilog.Parsing;

namespace IntegrationGovernance.UnitTests.Hosting;

/// <summary>What an operator configures: where traces and metrics go, and the form of the logs.</summary>
public sealed class OperatingConfigurationTests
{
    [Fact]
    public void Without_an_endpoint_nothing_is_exported() => Assert.False(Telemetry.IsExported(Configuration()));

    [Theory]
    [InlineData(Telemetry.StandardEndpointKey, "http://otel-collector:4317")]
    [InlineData(Telemetry.EndpointKey, "http://otel-collector:4317")]
    public void Either_the_standard_variable_or_the_registers_key_turns_export_on(string key, string endpoint) =>
        Assert.True(Telemetry.IsExported(Configuration((key, endpoint))));

    [Fact]
    public void An_endpoint_that_is_not_a_url_is_refused_at_start_up()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Telemetry.IsExported(Configuration((Telemetry.EndpointKey, "otel-collector:4317"))));

        Assert.Contains(Telemetry.EndpointKey, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_logs_are_one_compact_json_object_a_line_with_the_trace()
    {
        var line = Format(Environments.Production);

        using var json = JsonDocument.Parse(line);
        Assert.Equal("Organisation {Name} created", json.RootElement.GetProperty("@mt").GetString());
        Assert.Equal("Bath", json.RootElement.GetProperty("Name").GetString());
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", json.RootElement.GetProperty("@tr").GetString());
        Assert.Single(line.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Development_logs_are_text_for_a_person()
    {
        var line = Format(Environments.Development);

        Assert.StartsWith("[12:00:00 INF] Organisation Bath created", line, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(line));
    }

    private static string Format(string environment)
    {
        var logEvent = new LogEvent(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), LogEventLevel.Information, null,
            new MessageTemplateParser().Parse("Organisation {Name} created"), [new LogEventProperty("Name", new ScalarValue("Bath"))],
            System.Diagnostics.ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c"), System.Diagnostics.ActivitySpanId.CreateFromString("b7ad6b7169203331"));
        using var output = new StringWriter();
        RegisterLogging.FormatterFor(new Environment(environment)).Format(logEvent, output);
        return output.ToString();
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "IntegrationGovernance.Api";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

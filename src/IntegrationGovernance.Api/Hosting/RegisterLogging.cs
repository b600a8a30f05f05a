using Serilog;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace IntegrationGovernance.Api.Hosting;

/// <summary>
/// Serilog to the console: one JSON object a line in Production (Serilog's compact format, with each event's trace and span ids,
/// for a log shipper to read), text for a person in Development. Levels and overrides come from the <c>Serilog</c> section.
/// </summary>
public static class RegisterLogging
{
    public const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static IServiceCollection AddRegisterLogging(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment) =>
        services.AddSerilog((provider, logger) => logger
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(provider)
            .Enrich.FromLogContext()
            .WriteTo.Console(FormatterFor(environment)));

    /// <summary>Text in Development; compact JSON everywhere else (Production, Staging...).</summary>
    public static ITextFormatter FormatterFor(IHostEnvironment environment) =>
        environment.IsDevelopment() ? new MessageTemplateTextFormatter(TextTemplate) : new CompactJsonFormatter();
}

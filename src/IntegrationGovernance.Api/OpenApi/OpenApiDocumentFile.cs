using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>
/// <c>dotnet run --project src/IntegrationGovernance.Api -- openapi openapi/v1.json</c> writes the contract
/// without touching a database (scripts/openapi does this).
/// </summary>
public static class OpenApiDocumentFile
{
    public const string Version = "v1";

    public static bool IsRequested(string[] args) => args is ["openapi", _, ..];

    public static async Task WriteAsync(WebApplication app, string[] args)
    {
        var path = Path.GetFullPath(args[1]);
        // endpoints reach the API explorer only once the pipeline is built, so the host starts on a spare loopback port
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        try
        {
            await File.WriteAllTextAsync(path, await RenderAsync(app.Services));
            Console.WriteLine($"Wrote {path}");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>The document exactly as <c>/swagger/v1/swagger.json</c> serves it.</summary>
    public static Task<string> RenderAsync(IServiceProvider services) =>
        services.GetRequiredService<ISwaggerProvider>().GetSwagger(Version).SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0);
}

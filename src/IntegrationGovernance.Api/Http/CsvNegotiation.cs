namespace IntegrationGovernance.Api.Http;

public static class CsvNegotiation
{
    public const string MediaType = "text/csv";

    /// <summary>Whether the caller asks for CSV (<c>Accept: text/csv</c>) rather than JSON.</summary>
    public static bool WantsCsv(this HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase));
}

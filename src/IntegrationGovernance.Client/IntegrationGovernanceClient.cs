using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationGovernance.Client;

/// <summary>Hand-written additions to the generated <see cref="IntegrationGovernanceClient"/>.</summary>
public partial class IntegrationGovernanceClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        // The contract's enums are strings everywhere. NSwag puts a string converter on single enum properties but
        // not on lists of enums (e.g. an agreement's flexibilities), so the serializer gets one for all of them.
        settings.Converters.Add(new JsonStringEnumConverter());
        // Properties left unset are left out rather than sent as null: the contract leaves optional fields such as an
        // agreement's documents out of `required` (so they are nullable here), and the API takes an absent list as empty but
        // refuses an explicit null.
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }
}

/// <summary>Reading the headers the contract documents from a wrapped response.</summary>
public static class ApiResponseHeaders
{
    /// <summary>The response's <c>ETag</c>, to send back as <c>If-Match</c>; null if it carried none.</summary>
    public static string? ETag(this ApiResponse response) =>
        response.Headers.FirstOrDefault(h => string.Equals(h.Key, "ETag", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// Writes decimals with at least two places (<c>2453000.00</c>, not <c>2453000</c>), as finance tools expect
/// money; reads any JSON number exactly, never through floating point.
/// </summary>
public sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString("0.00#########################", CultureInfo.InvariantCulture), skipInputValidation: true);
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyOperator.Api.Meta;

/// <summary>
/// meta/v1 MicroTime: RFC 3339 in UTC with exactly six fractional digits, the only form the API
/// server accepts for fields such as a Lease's <c>renewTime</c> or an Event's <c>eventTime</c>.
/// </summary>
public sealed class MicroTimeConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException($"'{reader.GetString()}' is not an RFC 3339 MicroTime");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}

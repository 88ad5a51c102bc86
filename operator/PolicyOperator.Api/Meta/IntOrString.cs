using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyOperator.Api.Meta;

/// <summary>An int or a string (a port number or a port name), serialized as the JSON value it holds.</summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    private IntOrString(int? number, string? name)
    {
        Number = number;
        Name = name;
    }

    /// <summary>The number, when this holds one.</summary>
    public int? Number { get; }

    /// <summary>The string, when this holds one.</summary>
    public string? Name { get; }

    /// <summary>True when this holds a string.</summary>
    public bool IsName => Name is not null;

    public static IntOrString FromNumber(int number) => new(number, null);

    public static IntOrString FromName(string name) => new(null, name);

    public static implicit operator IntOrString(int number) => FromNumber(number);

    public static implicit operator IntOrString(string name) => FromName(name);

    /// <summary>A string that is all digits is a number, as the API server treats it.</summary>
    public static IntOrString Parse(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? FromNumber(n) : FromName(value);

    public override string ToString() => Name ?? Number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>Reads a JSON number or string; writes back the same kind.</summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => IntOrString.FromNumber(reader.GetInt32()),
            JsonTokenType.String => IntOrString.FromName(reader.GetString()!),
            _ => throw new JsonException($"expected a number or a string, found {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.Number is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteStringValue(value.Name);
        }
    }
}

using System.Text.Json.Serialization;

namespace PolicyOperator.Api.Meta;

/// <summary>Source-generated serialization of the meta/v1 types that travel on their own (Status).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(ListMeta))]
public sealed partial class MetaJsonContext : JsonSerializerContext;

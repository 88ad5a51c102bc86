using System.Text.Json.Serialization;

namespace PolicyOperator.Api.Coordination;

/// <summary>Source-generated serialization of the coordination.k8s.io types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Lease))]
public sealed partial class CoordinationJsonContext : JsonSerializerContext;

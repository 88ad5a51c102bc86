using System.Text.Json.Serialization;

namespace PolicyOperator.Api.Events;

/// <summary>Source-generated serialization of the events.k8s.io types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Event))]
public sealed partial class EventsJsonContext : JsonSerializerContext;

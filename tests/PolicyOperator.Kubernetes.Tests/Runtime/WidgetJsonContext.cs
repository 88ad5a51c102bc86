using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PolicyOperator.Api;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Tests.Client;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Widget))]
public sealed partial class WidgetJsonContext : JsonSerializerContext
{
    /// <summary>The API types plus Widget: how a user of the client adds types of its own.</summary>
    public static JsonSerializerOptions WithApiTypes { get; } = new(ApiJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ApiJson.Options.TypeInfoResolver, Default),
    };

    /// <summary>Fast client options that also know Widget.</summary>
    public static KubernetesClientOptions ClientOptions() => ScriptedApiServer.FastOptions() with { Json = WithApiTypes };
}

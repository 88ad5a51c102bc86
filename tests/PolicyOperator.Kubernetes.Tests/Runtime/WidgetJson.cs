using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PolicyOperator.Api;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Tests.Client;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

/// <summary>
/// The API types plus Widget: how a user of the client adds types of its own. (Kept apart from the
/// generated context, whose static Default may not be initialized yet when a sibling static is.)
/// </summary>
public static class WidgetJson
{
    public static JsonSerializerOptions Options { get; } = new(ApiJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ApiJson.Options.TypeInfoResolver, WidgetJsonContext.Default),
    };

    /// <summary>Fast client options that also know Widget.</summary>
    public static KubernetesClientOptions ClientOptions() => ScriptedApiServer.FastOptions() with { Json = Options };
}

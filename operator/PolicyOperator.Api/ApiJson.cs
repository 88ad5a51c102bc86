using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PolicyOperator.Api.Coordination;
using PolicyOperator.Api.Events;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api;

/// <summary>
/// The JSON settings of the Kubernetes API (camelCase, nulls omitted), backed by the source-generated
/// contexts of this assembly. Each API area has its own context; <see cref="Options"/> combines them
/// and keeps property defaults for absent fields (<see cref="InitializerDefaults"/>): deserialize with
/// these options rather than with a context's type info directly.
/// </summary>
public static class ApiJson
{
    /// <summary>Options for serializing any API type of this assembly.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(
                KubernetesJsonContext.Default,
                PolicyOperatorJsonContext.Default,
                MetaJsonContext.Default,
                CoordinationJsonContext.Default,
                EventsJsonContext.Default).WithAddedModifier(InitializerDefaults.Restore),
        };
        options.MakeReadOnly();
        return options;
    }
}

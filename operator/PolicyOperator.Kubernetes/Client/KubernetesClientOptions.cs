using System.Text.Json;
using PolicyOperator.Api;
using PolicyOperator.Kubernetes.Resilience;

namespace PolicyOperator.Kubernetes.Client;

/// <summary>Behaviour of a <see cref="KubernetesClient"/> beyond where the server is.</summary>
public sealed record KubernetesClientOptions
{
    public KubernetesResilienceOptions Resilience { get; init; } = new();

    /// <summary>Serialization of the API types; <see cref="ApiJson.Options"/> unless a caller adds types of its own.</summary>
    public JsonSerializerOptions Json { get; init; } = ApiJson.Options;

    public string UserAgent { get; init; } = "policy-operator/0.1";

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

using System.Text.Json.Serialization;
using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Batch;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Networking;

namespace PolicyOperator.Api;

/// <summary>Source-generated serialization of the Kubernetes built-in types this project uses.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(EndpointSlice))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(ReplicaSet))]
[JsonSerializable(typeof(StatefulSet))]
[JsonSerializable(typeof(DaemonSet))]
[JsonSerializable(typeof(Job))]
[JsonSerializable(typeof(CronJob))]
[JsonSerializable(typeof(NetworkPolicy))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;

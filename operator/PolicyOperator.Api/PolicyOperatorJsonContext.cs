using System.Text.Json.Serialization;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Api;

/// <summary>Source-generated serialization of the policyoperator.io types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ObservedTraffic))]
[JsonSerializable(typeof(NetworkPolicyProposal))]
[JsonSerializable(typeof(PolicyGenerator))]
public sealed partial class PolicyOperatorJsonContext : JsonSerializerContext;

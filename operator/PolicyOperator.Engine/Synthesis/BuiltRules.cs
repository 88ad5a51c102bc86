using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>The rules of one direction in canonical order, their evidence, and the DNS names of external CIDRs.</summary>
internal sealed record BuiltRules(
    IReadOnlyList<(IReadOnlyList<NetworkPolicyPeer> Peers, IReadOnlyList<NetworkPolicyPort> Ports)> Rules,
    IReadOnlyList<RuleEvidence> Evidence,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ExternalDnsNames);

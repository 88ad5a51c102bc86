using PolicyOperator.Api.Networking;
using PolicyOperator.Engine.Addressing;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>A policy peer with the key it sorts and merges by and a one-line description for evidence.</summary>
/// <param name="Key">Canonical sort and identity key.</param>
/// <param name="Description">The peer in one line.</param>
/// <param name="Peer">The peer as written into the policy.</param>
/// <param name="External">The CIDR when the peer is an external ipBlock that may be grouped.</param>
/// <param name="DnsNames">DNS names the peer was reached by (sorted).</param>
internal sealed record TranslatedPeer(string Key, string Description, NetworkPolicyPeer Peer, CanonicalCidr? External, IReadOnlyList<string> DnsNames);

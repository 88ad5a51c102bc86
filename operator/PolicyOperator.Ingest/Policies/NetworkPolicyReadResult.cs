using PolicyOperator.Api.Networking;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Ingest.Policies;

/// <summary>The NetworkPolicies read from files, and the documents of other kinds found beside them.</summary>
public sealed record NetworkPolicyReadResult(IReadOnlyList<NetworkPolicy> Policies, IReadOnlyList<IgnoredDocument> Ignored);

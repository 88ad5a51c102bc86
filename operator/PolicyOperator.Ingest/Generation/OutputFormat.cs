namespace PolicyOperator.Ingest.Generation;

/// <summary>What <c>policyctl generate</c> and the operator write.</summary>
public enum OutputFormat
{
    /// <summary>networking.k8s.io/v1 NetworkPolicy.</summary>
    NetworkPolicy,

    /// <summary>cilium.io/v2 CiliumNetworkPolicy, with toFQDNs where DNS names are known.</summary>
    Cilium,
}

namespace PolicyOperator.Api.Networking;

/// <summary>networking.k8s.io/v1 IPBlock: a CIDR minus the CIDRs in <see cref="Except"/>.</summary>
public sealed record IPBlock
{
    public required string Cidr { get; init; }

    public IReadOnlyList<string>? Except { get; init; }
}

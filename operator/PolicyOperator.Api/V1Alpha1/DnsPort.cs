namespace PolicyOperator.Api.V1Alpha1;

/// <summary>A DNS port and protocol.</summary>
public sealed record DnsPort
{
    /// <summary>UDP or TCP.</summary>
    public required string Protocol { get; init; }

    public required int Port { get; init; }
}

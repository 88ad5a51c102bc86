namespace PolicyOperator.Engine.Reporting;

/// <summary>A destination port with its protocol.</summary>
public sealed record PortProtocol(string Protocol, int Port)
{
    /// <summary><c>443/TCP</c>.</summary>
    public override string ToString() => $"{Port}/{Protocol}";
}

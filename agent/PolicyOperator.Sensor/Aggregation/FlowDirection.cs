namespace PolicyOperator.Sensor.Aggregation;

/// <summary>Who started the flow, seen from the socket's owner.</summary>
public enum FlowDirection
{
    /// <summary>The owner initiated it (connect, or sent the first datagram).</summary>
    Egress = 1,

    /// <summary>The owner accepted it (accept, or received the first datagram).</summary>
    Ingress = 2,
}

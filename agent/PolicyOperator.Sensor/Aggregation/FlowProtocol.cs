namespace PolicyOperator.Sensor.Aggregation;

/// <summary>Transport protocol (IP protocol numbers).</summary>
public enum FlowProtocol
{
    /// <summary>TCP.</summary>
    Tcp = 6,

    /// <summary>UDP.</summary>
    Udp = 17,
}

namespace PolicyOperator.Ingest.Traffic;

/// <summary>The traffic formats <see cref="TrafficReader"/> detects.</summary>
public enum TrafficFormat
{
    /// <summary>Nothing but white space.</summary>
    Empty,

    /// <summary>policyoperator.io ObservedTraffic resources (YAML or JSON).</summary>
    ObservedTraffic,

    /// <summary><c>hubble observe -o json</c> lines.</summary>
    Hubble,

    /// <summary>Inspektor Gadget network-policy advisor events.</summary>
    InspektorGadget,
}

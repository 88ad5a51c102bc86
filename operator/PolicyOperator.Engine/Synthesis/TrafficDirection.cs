namespace PolicyOperator.Engine.Synthesis;

/// <summary>The direction of a rule, seen from the policy's workload.</summary>
public enum TrafficDirection
{
    Ingress,
    Egress,
}

namespace PolicyOperator.Engine.Synthesis;

/// <summary>Which directions a generated policy isolates (design rule 8).</summary>
public enum PolicyTypesMode
{
    /// <summary>Only the directions the workload has traffic in (the default).</summary>
    Evidence,

    /// <summary>Always Ingress and Egress: a direction without traffic is denied.</summary>
    Both,
}

namespace PolicyOperator.Engine.Evaluation;

/// <summary>Which side of a flow denied it: the source's egress policies, the destination's ingress policies, or both.</summary>
[Flags]
public enum IsolatingSide
{
    None = 0,
    Egress = 1,
    Ingress = 2,
    Both = Egress | Ingress,
}

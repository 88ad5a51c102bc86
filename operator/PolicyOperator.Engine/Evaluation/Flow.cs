namespace PolicyOperator.Engine.Evaluation;

/// <summary>A connection to evaluate: from, to, protocol (TCP, UDP, SCTP, or another without ports) and destination port as enforced.</summary>
public sealed record Flow(FlowEndpoint Source, FlowEndpoint Destination, string Protocol, int Port)
{
    public override string ToString() => $"{Source} => {Destination} : {Protocol} {Port}";
}

using PolicyOperator.Api.Meta;

namespace PolicyOperator.Demo.Topology;

/// <summary>
/// A ClusterIP Service of the demo: clients dial <see cref="Port"/>; the kube-proxy stand-in DNATs to the
/// backend pods' <see cref="TargetPort"/> (a number, or the name of a container port of <see cref="Workload"/>).
/// </summary>
internal sealed record DemoService(string Namespace, string Name, string Workload, string PortName, int Port, IntOrString TargetPort, string Protocol = "TCP")
{
    /// <summary>The name the cluster DNS answers with the ClusterIP.</summary>
    public string DnsName => $"{Name}.{Namespace}.svc.cluster.local";

    /// <summary>A call to this Service as clients make it (by name, on the Service port).</summary>
    public DemoCall Call => new(DnsName, Port);
}

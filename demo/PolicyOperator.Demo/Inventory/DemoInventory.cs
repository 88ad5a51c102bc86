using System.Net;
using System.Security.Cryptography;
using System.Text;
using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Meta;
using PolicyOperator.Demo.Topology;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Demo.Inventory;

/// <summary>
/// What <c>kubectl get namespaces,nodes,pods,services,endpointslices,deployments,replicasets,statefulsets -A</c>
/// would print for the running demo: pods with their UIDs (the agent maps cgroups to pods by UID), labels
/// including the volatile ones controllers add, owner references up to the workload, Services with their
/// selectors and (named) target ports, and EndpointSlices with the resolved ports. The payment provider
/// is left out on purpose: it is outside the cluster.
/// </summary>
internal static class DemoInventory
{
    private const string ContainerName = "server";

    /// <summary>The inventory of <paramref name="pods"/> and the topology's Services.</summary>
    public static ClusterInventory Build(ShopTopology topology, IReadOnlyList<DeployedPod> pods, Func<DemoService, IPAddress> clusterIPs, IPAddress nodeIP)
    {
        var deployments = topology.Workloads.Where(w => w.Kind == "Deployment").ToList();
        return new ClusterInventory
        {
            Namespaces = topology.Namespaces.Select(Namespace).ToList(),
            Nodes = [Node(nodeIP)],
            Deployments = deployments.Select(w => new Deployment { Metadata = Meta(w.Namespace, w.Name, WorkloadUid(w), Labels(w)), Spec = ControllerSpec(w, w.Replicas) }).ToList(),
            ReplicaSets = deployments.Select(ReplicaSet).ToList(),
            StatefulSets = topology.Workloads.Where(w => w.Kind == "StatefulSet")
                .Select(w => new StatefulSet { Metadata = Meta(w.Namespace, w.Name, WorkloadUid(w), Labels(w)), Spec = ControllerSpec(w, w.Replicas) }).ToList(),
            Pods = pods.Select((p, i) => Pod(p, pods.Take(i).Count(q => q.Workload == p.Workload), nodeIP)).ToList(),
            Services = topology.Services.Select(s => Service(s, topology.BackendOf(s), clusterIPs(s))).ToList(),
            EndpointSlices = topology.Services.Select(s => EndpointSlice(topology, s, pods.Where(p => p.Workload == topology.BackendOf(s)))).ToList(),
        };
    }

    private static Namespace Namespace(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Uid = StableUid($"namespace/{name}"), Labels = new Dictionary<string, string> { [Api.Core.Namespace.NameLabel] = name } },
    };

    private static Node Node(IPAddress nodeIP) => new()
    {
        Metadata = new ObjectMeta { Name = ShopTopology.NodeName, Uid = StableUid("node"), Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = ShopTopology.NodeName } },
        Status = new NodeStatus { Addresses = [new NodeAddress { Type = "InternalIP", Address = nodeIP.ToString() }, new NodeAddress { Type = "Hostname", Address = ShopTopology.NodeName }] },
    };

    private static ReplicaSet ReplicaSet(DemoWorkload workload) => new()
    {
        Metadata = Meta(workload.Namespace, PodNames.ReplicaSetName(workload), ReplicaSetUid(workload), PodLabels(workload, 0), Owner("apps/v1", "Deployment", workload.Name, WorkloadUid(workload))),
        Spec = ControllerSpec(workload, workload.Replicas) with
        {
            Selector = new LabelSelector { MatchLabels = new Dictionary<string, string>(workload.SelectorLabels) { ["pod-template-hash"] = PodNames.TemplateHash(workload) } },
        },
    };

    private static Pod Pod(DeployedPod pod, int ordinal, IPAddress nodeIP)
    {
        var workload = pod.Workload;
        var owner = workload.Kind == "StatefulSet"
            ? Owner("apps/v1", "StatefulSet", workload.Name, WorkloadUid(workload))
            : Owner("apps/v1", "ReplicaSet", PodNames.ReplicaSetName(workload), ReplicaSetUid(workload));
        var labels = new Dictionary<string, string>(PodLabels(workload, ordinal));
        if (workload.Kind == "StatefulSet")
        {
            labels["statefulset.kubernetes.io/pod-name"] = pod.Name;
        }

        return new Pod
        {
            Metadata = Meta(workload.Namespace, pod.Name, pod.Uid, labels, owner),
            Spec = PodSpec(workload) with { NodeName = ShopTopology.NodeName },
            Status = new PodStatus
            {
                Phase = "Running",
                HostIP = nodeIP.ToString(),
                PodIP = pod.IPv4.ToString(),
                PodIPs = [new PodIP { Ip = pod.IPv4.ToString() }, new PodIP { Ip = pod.IPv6.ToString() }],
                ContainerStatuses = [new ContainerStatus { Name = ContainerName, ContainerID = $"containerd://{pod.ContainerId}" }],
            },
        };
    }

    private static Service Service(DemoService service, DemoWorkload backend, IPAddress clusterIP) => new()
    {
        Metadata = Meta(service.Namespace, service.Name, StableUid($"service/{service.Namespace}/{service.Name}"), backend.SelectorLabels),
        Spec = new ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = clusterIP.ToString(),
            ClusterIPs = [clusterIP.ToString()],
            Selector = backend.SelectorLabels,
            Ports = [new ServicePort { Name = service.PortName, Port = service.Port, TargetPort = service.TargetPort, Protocol = service.Protocol }],
        },
    };

    private static EndpointSlice EndpointSlice(ShopTopology topology, DemoService service, IEnumerable<DeployedPod> backends) => new()
    {
        Metadata = Meta(service.Namespace, $"{service.Name}-{PodNames.TemplateHash(topology.BackendOf(service))[..5]}", StableUid($"endpointslice/{service.Namespace}/{service.Name}"),
            new Dictionary<string, string> { [Api.Discovery.EndpointSlice.ServiceNameLabel] = service.Name }),
        AddressType = "IPv4",
        Endpoints = backends.Select(p => new Endpoint
        {
            Addresses = [p.IPv4.ToString()],
            NodeName = ShopTopology.NodeName,
            TargetRef = new ObjectReference { Kind = "Pod", Name = p.Name, Namespace = p.Workload.Namespace, Uid = p.Uid },
        }).ToList(),
        Ports = [new EndpointPort { Name = service.PortName, Port = topology.TargetPortOf(service), Protocol = service.Protocol }],
    };

    private static PodControllerSpec ControllerSpec(DemoWorkload workload, int replicas) => new()
    {
        Replicas = replicas,
        Selector = new LabelSelector { MatchLabels = Labels(workload) },
        Template = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = Labels(workload) }, Spec = PodSpec(workload) },
    };

    private static PodSpec PodSpec(DemoWorkload workload) => new()
    {
        Containers = [new Container { Name = ContainerName, Image = $"demo/{workload.Name}:1.0", Ports = workload.Ports.Count > 0 ? workload.Ports : null }],
    };

    private static Dictionary<string, string> Labels(DemoWorkload workload) => new(workload.SelectorLabels);

    // What the controllers add: volatile labels the synthesis must not select on.
    private static Dictionary<string, string> PodLabels(DemoWorkload workload, int ordinal) => workload.Kind == "StatefulSet"
        ? new(workload.SelectorLabels) { ["controller-revision-hash"] = $"{workload.Name}-{PodNames.TemplateHash(workload)}", ["apps.kubernetes.io/pod-index"] = ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture) }
        : new(workload.SelectorLabels) { ["pod-template-hash"] = PodNames.TemplateHash(workload) };

    private static ObjectMeta Meta(string ns, string name, string uid, IReadOnlyDictionary<string, string> labels, OwnerReference? owner = null) => new()
    {
        Name = name,
        Namespace = ns,
        Uid = uid,
        Labels = labels,
        OwnerReferences = owner is null ? null : [owner],
    };

    private static OwnerReference Owner(string apiVersion, string kind, string name, string uid) =>
        new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = uid, Controller = true, BlockOwnerDeletion = true };

    private static string WorkloadUid(DemoWorkload workload) => StableUid($"{workload.Kind}/{workload.Key}");

    private static string ReplicaSetUid(DemoWorkload workload) => StableUid($"ReplicaSet/{workload.Namespace}/{PodNames.ReplicaSetName(workload)}");

    // UIDs of objects other than pods are derived from their names: the same inventory bytes for the same topology.
    private static string StableUid(string key) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16)).ToString();
}

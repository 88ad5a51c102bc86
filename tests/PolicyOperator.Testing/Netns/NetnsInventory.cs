using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Api;
using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Testing.Netns;

/// <summary>
/// The Kubernetes objects that describe a <see cref="NetnsCluster"/> as a real cluster would: one
/// Deployment (with its ReplicaSet) per pod, selected by <c>app: &lt;pod name&gt;</c>, Pods with the
/// cluster's UIDs, addresses and container ids, Services with EndpointSlices, the node and the
/// namespaces. What <c>kubectl get ... -o json</c> prints, and what a test API server is seeded with.
/// </summary>
public static class NetnsInventory
{
    /// <summary>The container name every test pod has.</summary>
    public const string ContainerName = "main";

    /// <summary>
    /// The objects; Services with <paramref name="namedTargetPorts"/> target the container port named
    /// <c>http</c>; pods in <paramref name="outside"/> are left out (they play hosts outside the cluster).
    /// </summary>
    public static IReadOnlyList<IKubernetesObject<ObjectMeta>> Objects(
        NetnsCluster cluster, string nodeName, bool namedTargetPorts = false, IReadOnlyCollection<Pod>? outside = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var objects = new List<IKubernetesObject<ObjectMeta>>
        {
            new Node
            {
                Metadata = new ObjectMeta { Name = nodeName, Uid = Guid.NewGuid().ToString() },
                Status = new NodeStatus { Addresses = [new NodeAddress { Type = "InternalIP", Address = cluster.NodeIPv4.ToString() }] },
            },
        };
        foreach (var ns in cluster.Pods.Where(p => outside?.Contains(p) != true).Select(p => p.Namespace).Concat(cluster.Services.Select(s => s.Namespace)).Distinct(StringComparer.Ordinal))
        {
            objects.Add(new Namespace { Metadata = new ObjectMeta { Name = ns, Labels = new Dictionary<string, string> { [Namespace.NameLabel] = ns } } });
        }

        foreach (var pod in cluster.Pods.Where(p => outside?.Contains(p) != true))
        {
            objects.AddRange(Workload(pod, nodeName, cluster.Services.Where(s => s.Backends.Contains(pod)).ToList(), namedTargetPorts));
        }

        foreach (var service in cluster.Services)
        {
            objects.Add(new Service
            {
                Metadata = new ObjectMeta { Name = service.Name, Namespace = service.Namespace, Uid = Guid.NewGuid().ToString() },
                Spec = new ServiceSpec
                {
                    Type = "ClusterIP",
                    ClusterIP = service.ClusterIP.ToString(),
                    ClusterIPs = [service.ClusterIP.ToString()],
                    Selector = new Dictionary<string, string> { ["app"] = service.Backends[0].Name },
                    Ports = [new ServicePort
                    {
                        Name = "http",
                        Port = service.Port,
                        Protocol = service.Protocol,
                        TargetPort = namedTargetPorts ? IntOrString.FromName("http") : IntOrString.FromNumber(service.TargetPort),
                    }],
                },
            });
            objects.Add(new EndpointSlice
            {
                Metadata = new ObjectMeta
                {
                    Name = $"{service.Name}-abcde",
                    Namespace = service.Namespace,
                    Uid = Guid.NewGuid().ToString(),
                    Labels = new Dictionary<string, string> { [EndpointSlice.ServiceNameLabel] = service.Name },
                },
                Endpoints = [.. service.Backends.Select(b => new Endpoint
                {
                    Addresses = [b.IPv4.ToString()],
                    NodeName = nodeName,
                    TargetRef = new ObjectReference { Kind = "Pod", Name = b.Name, Namespace = b.Namespace, Uid = b.Uid },
                })],
                Ports = [new EndpointPort { Name = "http", Port = service.TargetPort, Protocol = service.Protocol }],
            });
        }

        return objects;
    }

    /// <summary>The objects as one <c>kind: List</c> JSON document, as <c>kubectl get -o json</c> prints it.</summary>
    public static string ToListJson(IEnumerable<IKubernetesObject<ObjectMeta>> objects)
    {
        var items = new JsonArray([.. objects.Select(o => JsonSerializer.SerializeToNode(o, o.GetType(), ApiJson.Options))]);
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items }.ToJsonString();
    }

    /// <summary>The objects as a YAML stream of JSON documents, one per object (for a test API server to apply).</summary>
    public static string ToDocuments(IEnumerable<IKubernetesObject<ObjectMeta>> objects) =>
        string.Join("---\n", objects.Select(o => JsonSerializer.Serialize(o, o.GetType(), ApiJson.Options) + "\n"));

    private static IEnumerable<IKubernetesObject<ObjectMeta>> Workload(Pod pod, string nodeName, List<ClusterService> services, bool namedTargetPorts)
    {
        var selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = pod.Name } };
        var deploymentUid = Guid.NewGuid().ToString();
        var replicaSet = $"{pod.Name}-5d4f8b9c6";
        var replicaSetUid = Guid.NewGuid().ToString();
        yield return new Deployment
        {
            Metadata = new ObjectMeta { Name = pod.Name, Namespace = pod.Namespace, Uid = deploymentUid },
            Spec = new PodControllerSpec { Selector = selector, Replicas = 1 },
        };
        yield return new ReplicaSet
        {
            Metadata = new ObjectMeta
            {
                Name = replicaSet,
                Namespace = pod.Namespace,
                Uid = replicaSetUid,
                OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = pod.Name, Uid = deploymentUid, Controller = true }],
            },
            Spec = new PodControllerSpec { Selector = selector, Replicas = 1 },
        };
        yield return new Api.Core.Pod
        {
            Metadata = new ObjectMeta
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{replicaSet}-{pod.Uid[..5]}"),
                Namespace = pod.Namespace,
                Uid = pod.Uid,
                Labels = new Dictionary<string, string> { ["app"] = pod.Name, ["pod-template-hash"] = "5d4f8b9c6" },
                OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = replicaSet, Uid = replicaSetUid, Controller = true }],
            },
            Spec = new PodSpec
            {
                NodeName = nodeName,
                HostNetwork = pod.HostNetwork ? true : null,
                Containers = [new Container
                {
                    Name = ContainerName,
                    Ports = namedTargetPorts
                        ? [.. services.Select(s => new ContainerPort { Name = "http", Number = s.TargetPort, Protocol = s.Protocol })]
                        : null,
                }],
            },
            Status = new PodStatus
            {
                Phase = "Running",
                PodIP = pod.IPv4.ToString(),
                PodIPs = [new PodIP { Ip = pod.IPv4.ToString() }, new PodIP { Ip = pod.IPv6.ToString() }],
                HostIP = pod.HostNetwork ? pod.IPv4.ToString() : null,
                ContainerStatuses = [new ContainerStatus { Name = ContainerName, ContainerID = $"containerd://{pod.ContainerId}" }],
            },
        };
    }
}

using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Batch;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Networking;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Policies;

namespace PolicyOperator.Ingest.Inventory;

/// <summary>
/// Reads a <see cref="ClusterInventory"/> from what <c>kubectl get namespaces,pods,services,... -A -o json|yaml</c>
/// prints, or from a directory of manifests. Kinds an inventory does not hold (ConfigMap, Route, ...) are
/// recorded in <see cref="InventoryReadResult.Ignored"/>.
/// </summary>
public sealed class InventoryReader(KubernetesDocumentReader documents)
{
    /// <summary>Reads every path (files, directories, <c>-</c>).</summary>
    /// <exception cref="InvalidInputException">A file cannot be parsed or an object does not fit its kind.</exception>
    public async Task<InventoryReadResult> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken) =>
        FromDocuments(await documents.ReadAsync(paths, cancellationToken));

    /// <summary>Sorts documents into the inventory by kind.</summary>
    public static InventoryReadResult FromDocuments(IEnumerable<KubernetesDocument> source)
    {
        var namespaces = new List<Namespace>();
        var pods = new List<Pod>();
        var services = new List<Service>();
        var slices = new List<EndpointSlice>();
        var nodes = new List<Node>();
        var deployments = new List<Deployment>();
        var replicaSets = new List<ReplicaSet>();
        var statefulSets = new List<StatefulSet>();
        var daemonSets = new List<DaemonSet>();
        var jobs = new List<Job>();
        var cronJobs = new List<CronJob>();
        var policies = new List<NetworkPolicy>();
        var ignored = new List<IgnoredDocument>();
        foreach (var document in source)
        {
            ContainerNames.Fill(document.Json["spec"]);
            switch (document.Kind)
            {
                case "Namespace": namespaces.Add(document.Deserialize<Namespace>()); break;
                case "Pod": pods.Add(document.Deserialize<Pod>()); break;
                case "Service": services.Add(document.Deserialize<Service>()); break;
                case "EndpointSlice": slices.Add(document.Deserialize<EndpointSlice>()); break;
                case "Node": nodes.Add(document.Deserialize<Node>()); break;
                case "Deployment": deployments.Add(document.Deserialize<Deployment>()); break;
                case "ReplicaSet": replicaSets.Add(document.Deserialize<ReplicaSet>()); break;
                case "StatefulSet": statefulSets.Add(document.Deserialize<StatefulSet>()); break;
                case "DaemonSet": daemonSets.Add(document.Deserialize<DaemonSet>()); break;
                case "Job": jobs.Add(document.Deserialize<Job>()); break;
                case "CronJob": cronJobs.Add(document.Deserialize<CronJob>()); break;
                case "NetworkPolicy": policies.Add(NetworkPolicyReader.ReadPolicy(document)); break;
                default: ignored.Add(new IgnoredDocument(document.Kind, document.DisplayName, document.Source)); break;
            }
        }

        var inventory = new ClusterInventory
        {
            Namespaces = namespaces,
            Pods = pods,
            Services = services,
            EndpointSlices = slices,
            Nodes = nodes,
            Deployments = deployments,
            ReplicaSets = replicaSets,
            StatefulSets = statefulSets,
            DaemonSets = daemonSets,
            Jobs = jobs,
            CronJobs = cronJobs,
            NetworkPolicies = policies,
        };
        return new InventoryReadResult(inventory, ignored);
    }
}

using PolicyOperator.Api.Coordination;
using PolicyOperator.Api.Events;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Kubernetes.Client;

/// <summary>
/// Names a resource type on the API server: group, version, plural, and whether it is namespaced.
/// The group of the core API (<c>v1</c>: pods, services, ...) is empty.
/// </summary>
public sealed record ResourceDescriptor(string Group, string Version, string Plural, bool Namespaced = true)
{
    public static ResourceDescriptor Namespaces { get; } = new(string.Empty, "v1", "namespaces", Namespaced: false);

    public static ResourceDescriptor Nodes { get; } = new(string.Empty, "v1", "nodes", Namespaced: false);

    public static ResourceDescriptor Pods { get; } = new(string.Empty, "v1", "pods");

    public static ResourceDescriptor Services { get; } = new(string.Empty, "v1", "services");

    public static ResourceDescriptor EndpointSlices { get; } = new("discovery.k8s.io", "v1", "endpointslices");

    public static ResourceDescriptor Deployments { get; } = new("apps", "v1", "deployments");

    public static ResourceDescriptor ReplicaSets { get; } = new("apps", "v1", "replicasets");

    public static ResourceDescriptor StatefulSets { get; } = new("apps", "v1", "statefulsets");

    public static ResourceDescriptor DaemonSets { get; } = new("apps", "v1", "daemonsets");

    public static ResourceDescriptor Jobs { get; } = new("batch", "v1", "jobs");

    public static ResourceDescriptor CronJobs { get; } = new("batch", "v1", "cronjobs");

    public static ResourceDescriptor NetworkPolicies { get; } = new("networking.k8s.io", "v1", "networkpolicies");

    public static ResourceDescriptor Leases { get; } = new(Lease.Group, Lease.Version, Lease.Plural);

    public static ResourceDescriptor Events { get; } = new(Event.Group, Event.Version, Event.Plural);

    public static ResourceDescriptor ObservedTraffics { get; } = new(ObservedTraffic.Group, ObservedTraffic.Version, ObservedTraffic.Plural);

    public static ResourceDescriptor NetworkPolicyProposals { get; } = new(NetworkPolicyProposal.Group, NetworkPolicyProposal.Version, NetworkPolicyProposal.Plural);

    public static ResourceDescriptor PolicyGenerators { get; } = new(PolicyGenerator.Group, PolicyGenerator.Version, PolicyGenerator.Plural, Namespaced: false);

    /// <summary><c>v1</c> or <c>group/version</c>, as in an object's apiVersion.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection path: <c>/apis/g/v/namespaces/ns/plural</c>, or across namespaces when <paramref name="ns"/> is null.</summary>
    public string CollectionPath(string? ns)
    {
        var prefix = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        if (!Namespaced || ns is null)
        {
            return $"{prefix}/{Plural}";
        }

        return $"{prefix}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}";
    }

    /// <summary>The path of one object (and of its subresource, when given).</summary>
    public string ObjectPath(string? ns, string name, string? subresource = null)
    {
        if (Namespaced && ns is null)
        {
            throw new ArgumentException($"{Plural}.{Group} is namespaced: a namespace is required for '{name}'", nameof(ns));
        }

        var path = $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
        return subresource is null ? path : $"{path}/{subresource}";
    }
}

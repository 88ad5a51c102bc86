namespace PolicyOperator.Testing.ApiServer.Resources;

/// <summary>The built-in resources the project uses, stored generically (no schema; status where Kubernetes has it).</summary>
public static class BuiltInResources
{
    private static readonly PrinterColumn[] PodColumns =
    [
        new("Status", "string", ".status.phase"),
        new("IP", "string", ".status.podIP", Priority: 1),
        new("Node", "string", ".spec.nodeName", Priority: 1),
    ];

    /// <summary>Every built-in resource definition.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Core("namespaces", "Namespace", namespaced: false, hasStatus: true, ["ns"], columns: [new("Status", "string", ".status.phase")], fields: ["status.phase"]),
        Core("pods", "Pod", namespaced: true, hasStatus: true, ["po"], ["all"], PodColumns,
            ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"]),
        Core("services", "Service", namespaced: true, hasStatus: true, ["svc"], ["all"], [new("Type", "string", ".spec.type"), new("Cluster-IP", "string", ".spec.clusterIP")]),
        Core("endpoints", "Endpoints", namespaced: true, hasStatus: false, ["ep"]),
        Core("nodes", "Node", namespaced: false, hasStatus: true, ["no"], fields: ["spec.unschedulable"]),
        Core("events", "Event", namespaced: true, hasStatus: false, ["ev"],
            fields: ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"]),
        Core("configmaps", "ConfigMap", namespaced: true, hasStatus: false, ["cm"]),
        Core("secrets", "Secret", namespaced: true, hasStatus: false, [], fields: ["type"]),
        Core("serviceaccounts", "ServiceAccount", namespaced: true, hasStatus: false, ["sa"]),
        Of("apps", "deployments", "Deployment", true, true, ["deploy"], ["all"]),
        Of("apps", "replicasets", "ReplicaSet", true, true, ["rs"], ["all"]),
        Of("apps", "statefulsets", "StatefulSet", true, true, ["sts"], ["all"]),
        Of("apps", "daemonsets", "DaemonSet", true, true, ["ds"], ["all"]),
        Of("apps", "controllerrevisions", "ControllerRevision", true, false, [], []),
        Of("batch", "jobs", "Job", true, true, [], ["all"]),
        Of("batch", "cronjobs", "CronJob", true, true, ["cj"], ["all"]),
        Of("discovery.k8s.io", "endpointslices", "EndpointSlice", true, false, [], []),
        Of("networking.k8s.io", "networkpolicies", "NetworkPolicy", true, false, ["netpol"], []),
        Of("coordination.k8s.io", "leases", "Lease", true, false, [], []),
        Of("events.k8s.io", "events", "Event", true, false, ["ev"], []),
        Of("rbac.authorization.k8s.io", "clusterroles", "ClusterRole", false, false, [], []),
        Of("rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", false, false, [], []),
        Of("rbac.authorization.k8s.io", "roles", "Role", true, false, [], []),
        Of("rbac.authorization.k8s.io", "rolebindings", "RoleBinding", true, false, [], []),
        Of("policy", "poddisruptionbudgets", "PodDisruptionBudget", true, true, ["pdb"], []),
        Of("scheduling.k8s.io", "priorityclasses", "PriorityClass", false, false, ["pc"], []),
        Of("apiextensions.k8s.io", "customresourcedefinitions", "CustomResourceDefinition", false, true, ["crd", "crds"], []),
    ];

    private static ResourceDefinition Core(
        string plural, string kind, bool namespaced, bool hasStatus, string[] shortNames, string[]? categories = null,
        PrinterColumn[]? columns = null, string[]? fields = null) =>
        new()
        {
            Group = string.Empty,
            Version = "v1",
            Plural = plural,
            Singular = kind.ToLowerInvariant(),
            Kind = kind,
            Namespaced = namespaced,
            HasStatus = hasStatus,
            ShortNames = shortNames,
            Categories = categories ?? [],
            PrinterColumns = columns ?? [],
            SelectableFields = fields ?? [],
        };

    private static ResourceDefinition Of(string group, string plural, string kind, bool namespaced, bool hasStatus, string[] shortNames, string[] categories) =>
        new()
        {
            Group = group,
            Version = "v1",
            Plural = plural,
            Singular = kind.ToLowerInvariant(),
            Kind = kind,
            Namespaced = namespaced,
            HasStatus = hasStatus,
            ShortNames = shortNames,
            Categories = categories,
        };
}

using System.Net;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Policies;

namespace PolicyOperator.Engine.Tests.Evaluation;

/// <summary>Small builders for evaluator tests: policies from YAML, pods and addresses as endpoints.</summary>
internal static class EvaluationFixtures
{
    public static PolicySet Policies(string yaml, EvaluationOptions? options = null) =>
        new(NetworkPolicyReader.FromDocuments(KubernetesDocumentReader.Parse(yaml, "test.yaml")).Policies, options);

    public static FlowEndpoint Pod(
        string ns,
        string labels,
        string? node = null,
        bool hostNetwork = false,
        IReadOnlyDictionary<string, string>? namespaceLabels = null,
        params NamedPort[] ports) =>
        FlowEndpoint.ForPod(new PodEndpoint
        {
            Namespace = ns,
            Name = $"{ns}-{labels}",
            Labels = ParseLabels(labels),
            NamespaceLabels = new Dictionary<string, string>(namespaceLabels ?? new Dictionary<string, string>()) { ["kubernetes.io/metadata.name"] = ns },
            NodeName = node,
            HostNetwork = hostNetwork,
            NamedPorts = ports,
        });

    public static FlowEndpoint Ip(string address) => FlowEndpoint.ForAddress(IPAddress.Parse(address));

    public static Flow Tcp(FlowEndpoint from, FlowEndpoint to, int port) => new(from, to, "TCP", port);

    public static Dictionary<string, string> ParseLabels(string labels) =>
        labels.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('='))
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
}

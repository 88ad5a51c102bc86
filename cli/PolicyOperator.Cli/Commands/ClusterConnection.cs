using System.CommandLine;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;

namespace PolicyOperator.Cli.Commands;

/// <summary>The commands that talk to the API server: <c>--kubeconfig</c> (else $KUBECONFIG or ~/.kube/config) and <c>--context</c>.</summary>
internal static class ClusterConnection
{
    public static Option<string?> Kubeconfig() => new("--kubeconfig") { Description = "The kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config)" };

    public static Option<string?> Context() => new("--context") { Description = "The kubeconfig context (default: its current-context)" };

    /// <summary>A client, or bad input (exit 2) naming the kubeconfig problem.</summary>
    public static KubernetesClient Connect(string? kubeconfig, string? context)
    {
        var path = kubeconfig ?? KubeConfigLoader.DefaultPath();
        try
        {
            return new KubernetesClient(KubeConfigLoader.Load(path, context));
        }
        catch (Exception e) when (e is KubeConfigException or IOException)
        {
            throw new InvalidInputException(new DocumentSource(path), e.Message, e);
        }
    }
}

using System.Text.Json.Nodes;
using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer.Yaml;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Crds;

/// <summary>The CRD and sample documents of the repository, parsed.</summary>
public static class CrdFiles
{
    public static readonly string[] Names =
    [
        "policyoperator.io_observedtraffics.yaml",
        "policyoperator.io_networkpolicyproposals.yaml",
        "policyoperator.io_policygenerators.yaml",
    ];

    public static TheoryData<string> All => new(Names);

    public static JsonObject Load(string fileName) =>
        YamlJson.ParseSingle(File.ReadAllText(RepositoryPaths.InRepository("crds", fileName)), fileName).AsObject();

    /// <summary>The openAPIV3Schema of the CRD's only version.</summary>
    public static JsonObject Schema(string fileName) =>
        Load(fileName)["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    public static JsonObject Sample(string kind) =>
        YamlJson.ParseSingle(
            File.ReadAllText(RepositoryPaths.InRepository("config", "samples", $"policyoperator_v1alpha1_{kind.ToLowerInvariant()}.yaml")),
            kind).AsObject();

    /// <summary>The upstream apiextensions.k8s.io/v1 OpenAPI v3 document (release 1.35).</summary>
    public static JsonObject UpstreamApiExtensions() =>
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.TestData("k8s-openapi-v3-1.35", "apis__apiextensions.k8s.io__v1_openapi.json")))!.AsObject();
}

using FluentAssertions;
using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Deploy.Tests;

/// <summary>The install paths of docs/deploy.md, with the real kubectl against the test API server.</summary>
public sealed class InstallTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("deploy-install-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Chart_and_kustomize_carry_exactly_the_crds_of_the_crds_folder()
    {
        foreach (var crd in Directory.GetFiles(RepositoryPaths.InRepository("crds"), "*.yaml"))
        {
            var name = Path.GetFileName(crd);
            var expected = File.ReadAllText(crd);
            File.ReadAllText(Path.Combine(Manifests.Chart, "crds", name)).Should().Be(expected, $"charts/policy-operator/crds/{name} is a copy (make crds)");
            File.ReadAllText(RepositoryPaths.InRepository("config", "crd", "bases", name)).Should().Be(expected, $"config/crd/bases/{name} is a copy (make crds)");
        }

        Directory.GetFiles(Path.Combine(Manifests.Chart, "crds")).Should().HaveSameCount(Directory.GetFiles(RepositoryPaths.InRepository("crds"), "*.yaml"));
    }

    [Theory]
    [InlineData("Propose")]
    [InlineData("Enforce")]
    public async Task Helm_rendered_chart_applies_with_kubectl(string mode)
    {
        await using var server = await TestApiServer.StartAsync();
        using var kubectl = new KubectlRunner(path => server.WriteKubeconfig(path));
        var rendered = Path.Combine(_work, "rendered.yaml");
        var template = (await ProcessRunner.RunAsync(Manifests.Helm,
            ["template", "policy-operator", Manifests.Chart, "--namespace", "policy-system", "--set", $"mode={mode}", "--include-crds"]))
            .EnsureSuccess("helm template");
        await File.WriteAllTextAsync(rendered, template.Stdout);
        await File.WriteAllTextAsync(Path.Combine(_work, "ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: policy-system\n");

        await kubectl.SucceedAsync("apply", "-f", Path.Combine(_work, "ns.yaml"));
        var applied = await kubectl.SucceedAsync("apply", "-f", rendered);
        var role = await kubectl.SucceedAsync("get", "clusterrole", "policy-operator-operator", "-o", "yaml");

        applied.Should().Contain("customresourcedefinition.apiextensions.k8s.io/observedtraffics.policyoperator.io created")
            .And.Contain("deployment.apps/policy-operator-operator created")
            .And.Contain("daemonset.apps/policy-operator-agent created")
            .And.Contain("clusterrole.rbac.authorization.k8s.io/policy-operator-operator created")
            .And.Contain("poddisruptionbudget.policy/policy-operator-operator created");
        Manifests.Parse(role).Single().Permissions()
            .Any(p => p.Resource == "networkpolicies" && p.Verb == "create").Should().Be(mode == "Enforce");
    }

    [Theory]
    [InlineData("default")]
    [InlineData("enforce")]
    public async Task Crds_then_kustomize_install_apply_with_kubectl(string overlay)
    {
        await using var server = await TestApiServer.StartAsync();
        using var kubectl = new KubectlRunner(path => server.WriteKubeconfig(path));

        var crds = await kubectl.SucceedAsync("apply", "-f", "crds/");
        var installed = await kubectl.SucceedAsync("apply", "-k", $"config/{overlay}");
        var samples = await kubectl.SucceedAsync("apply", "-f", "config/samples/");
        var daemonSets = await kubectl.SucceedAsync("get", "daemonsets", "-n", "policy-system", "-o", "name");

        crds.Should().Contain("policygenerators.policyoperator.io created");
        installed.Should().Contain("namespace/policy-system created").And.Contain("serviceaccount/policy-operator-agent created");
        samples.Should().Contain("policygenerator.policyoperator.io/default created");
        daemonSets.Trim().Should().Be("daemonset.apps/policy-operator-agent");
    }
}

using System.Text.Json.Nodes;
using FluentAssertions;
using PolicyOperator.Kubernetes.Tests.ApiServer;
using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer;
using PolicyOperator.Testing.ApiServer.Yaml;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Kubectl;

public sealed class KubectlTests
{
    private const string BadTraffic = """
        apiVersion: policyoperator.io/v1alpha1
        kind: ObservedTraffic
        metadata:
          name: bad
          namespace: default
        spec:
          node: worker-1
          workload: {kind: Deployment, name: web, namespace: default}
          window: {start: "2026-11-20T10:00:00Z", end: "2026-11-20T10:05:00Z"}
          egress:
          - peer: {type: External, external: {cidr: 203.0.113.7/32}}
            protocol: ICMP
            port: 70000
            firstSeen: "2026-11-20T10:00:00Z"
            lastSeen: "2026-11-20T10:00:00Z"
        """;

    [Fact]
    public async Task Kubectl_applies_crds_and_samples_gets_them_with_printer_columns_and_deletes_them()
    {
        await using var server = await TestApiServer.StartAsync();
        using var kubectl = new KubectlRunner(path => server.WriteKubeconfig(path));

        var crds = await kubectl.SucceedAsync("apply", "-f", "crds/");
        var samples = await kubectl.SucceedAsync("apply", "-f", "config/samples/");
        var traffic = await kubectl.SucceedAsync("get", "observedtraffic", "-A");
        var generators = await kubectl.SucceedAsync("get", "pgen");
        var proposalsYaml = await kubectl.SucceedAsync("get", "networkpolicyproposals", "-o", "yaml");
        var again = await kubectl.SucceedAsync("apply", "-f", "config/samples/");

        crds.Should().Contain("customresourcedefinition.apiextensions.k8s.io/observedtraffics.policyoperator.io created")
            .And.Contain("networkpolicyproposals.policyoperator.io created")
            .And.Contain("policygenerators.policyoperator.io created");
        samples.Should().Contain("observedtraffic.policyoperator.io/frontend-worker-1 created")
            .And.Contain("networkpolicyproposal.policyoperator.io/frontend created")
            .And.Contain("policygenerator.policyoperator.io/default created");
        var lines = traffic.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal("NAMESPACE", "NAME", "WORKLOAD", "KIND", "NODE", "WINDOW-END", "AGE");
        lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5).Should().Equal("default", "frontend-worker-1", "frontend", "Deployment", "worker-1");
        generators.Should().MatchRegex(@"default\s+Propose\s+NetworkPolicy");
        var list = YamlJson.ParseSingle(proposalsYaml, "kubectl output");
        var item = list["items"]![0]!;
        item["metadata"]!["uid"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        item["spec"]!["policies"]![0]!["policy"]!["kind"]!.GetValue<string>().Should().Be("NetworkPolicy");
        item["spec"]!["policies"]![0]!["evidence"]!.AsArray().Should().HaveCount(2);
        again.Should().Contain("observedtraffic.policyoperator.io/frontend-worker-1 unchanged");

        var deleted = await kubectl.SucceedAsync("delete", "-f", "config/samples/");
        var none = await kubectl.RunAsync("get", "observedtraffic", "-A");
        await kubectl.SucceedAsync("delete", "-f", "crds/");
        var gone = await kubectl.RunAsync("get", "observedtraffic", "-A");

        deleted.Should().Contain("observedtraffic.policyoperator.io \"frontend-worker-1\" deleted");
        (none.Stdout + none.Stderr).Should().Contain("No resources found");
        gone.ExitCode.Should().NotBe(0);
        // With its discovery cache kubectl still knows the type and gets 404 from the server; without it, it knows no such type.
        gone.Stderr.Should().ContainAny("the server could not find the requested resource", "the server doesn't have a resource type \"observedtraffic\"");
    }

    [Fact]
    public async Task Kubectl_apply_of_an_invalid_custom_resource_fails_with_the_schema_errors()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var kubectl = new KubectlRunner(path => server.WriteKubeconfig(path));
        var file = Path.Combine(kubectl.Home, "bad.yaml");
        await File.WriteAllTextAsync(file, BadTraffic);

        var result = await kubectl.RunAsync("apply", "-f", file);

        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain("The ObservedTraffic \"bad\" is invalid")
            .And.Contain("spec.egress[0].port: Invalid value: 70000: spec.egress[0].port in body should be less than or equal to 65535")
            .And.Contain("spec.egress[0].protocol: Unsupported value: \"ICMP\"");
        server.Store.Get("observedtraffics.policyoperator.io", "default", "bad").Should().BeNull();
    }

    [Fact]
    public async Task Kubectl_apply_with_an_unknown_field_fails_under_its_default_strict_validation()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var kubectl = new KubectlRunner(path => server.WriteKubeconfig(path));
        var file = Path.Combine(kubectl.Home, "typo.yaml");
        var sample = await File.ReadAllTextAsync(PolicyOperator.Testing.RepositoryPaths.InRepository("config", "samples", "policyoperator_v1alpha1_policygenerator.yaml"));
        await File.WriteAllTextAsync(file, sample.Replace("  mode: Propose", "  mode: Propose\n  moed: Enforce", StringComparison.Ordinal));

        var strict = await kubectl.RunAsync("apply", "-f", file);
        var lenient = await kubectl.RunAsync("apply", "--validate=false", "-f", file);

        strict.ExitCode.Should().NotBe(0);
        strict.Stderr.Should().Contain("unknown field \"spec.moed\"");
        lenient.ExitCode.Should().Be(0, lenient.ToString());
        server.Store.Get("policygenerators.policyoperator.io", string.Empty, "default")!["spec"]!["moed"].Should().BeNull();
    }

    [Fact]
    public async Task Kubectl_waits_for_established_patches_status_and_applies_server_side()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var kubectl = new KubectlRunner(path => server.WriteKubeconfig(path));

        var established = await kubectl.SucceedAsync("wait", "--for=condition=Established", "crd/networkpolicyproposals.policyoperator.io", "--timeout=20s");
        var applied = await kubectl.SucceedAsync("apply", "--server-side", "-f", "config/samples/policyoperator_v1alpha1_networkpolicyproposal.yaml");
        await kubectl.SucceedAsync("patch", "npp", "frontend", "--subresource=status", "--type=merge", "-p", """{"status":{"phase":"Approved","safetyCheck":{"result":"Passed"}}}""");
        var table = await kubectl.SucceedAsync("get", "npp", "frontend");

        established.Should().Contain("condition met");
        applied.Should().Contain("serverside-applied");
        table.Should().MatchRegex(@"frontend\s+frontend\s+1\s+Approved\s+Passed");
    }

    [Fact]
    public async Task Kubectl_applies_built_in_manifests_and_lists_them()
    {
        await using var server = await TestApiServer.StartAsync();
        using var kubectl = new KubectlRunner(path => server.WriteKubeconfig(path));
        var manifests = PolicyOperator.Testing.RepositoryPaths.TestData("microservices-demo", "release", "kubernetes-manifests.yaml");

        await kubectl.SucceedAsync("apply", "-n", "default", "-f", manifests);
        var deployments = await kubectl.SucceedAsync("get", "deployments", "-o", "name");
        var byLabel = await kubectl.SucceedAsync("get", "services", "-l", "app=frontend", "-o", "name");

        deployments.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Contain(["deployment.apps/frontend", "deployment.apps/cartservice"]);
        byLabel.Trim().Should().Contain("service/frontend");
    }

    [Fact]
    public async Task Kubectl_works_over_https_with_the_generated_certificate()
    {
        await using var server = await TestApiServer.StartAsync(new TestApiServerOptions { UseHttps = true });
        using var kubectl = new KubectlRunner(path => server.WriteKubeconfig(path));

        var namespaces = await kubectl.SucceedAsync("get", "namespaces", "-o", "name");

        namespaces.Should().Contain("namespace/default").And.Contain("namespace/kube-system");
    }

    [Fact]
    public async Task Kubectl_sees_a_status_object_posted_over_http()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        using var kubectl = new KubectlRunner(path => server.WriteKubeconfig(path));
        await client.CreateAsync("/apis/policyoperator.io/v1alpha1/namespaces/default/observedtraffics", Objects.ObservedTraffic("web-node-2", node: "node-2"));
        await client.SendAsync(HttpMethod.Patch, "/apis/policyoperator.io/v1alpha1/namespaces/default/observedtraffics/web-node-2/status", JsonNode.Parse("""{"status":{"droppedEntries":4}}"""), "application/merge-patch+json");

        var wide = await kubectl.SucceedAsync("get", "otr", "-o", "wide");

        wide.Should().MatchRegex(@"web-node-2\s+web\s+Deployment\s+node-2\s+\S+\s+4\s");
    }
}

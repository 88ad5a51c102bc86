using FluentAssertions;
using PolicyOperator.Cli;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("policyctl-generate-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await PolicyCtl.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string Hubble(string name) => RepositoryPaths.TestData("hubble-otel-flows", name);

    [Fact]
    public async Task Generate_writes_one_yaml_stream_with_a_policy_per_workload_to_stdout()
    {
        var (exit, stdout, stderr) = await RunAsync("generate", "--traffic", RepositoryPaths.TestData("ig-advisor-legacy", "multiple.input"), "--out", "-");

        exit.Should().Be(PolicyCtl.ExitOk, stderr);
        stdout.Split("---\n").Should().HaveCount(2);
        stdout.Should().StartWith("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n");
        stdout.Should().Contain("  name: checkoutservice-deployment\n  namespace: demo\n").And.Contain("  name: shippingservice-deployment\n");
        stderr.Should().Contain("2 policies from 2 traffic object(s)");
    }

    [Fact]
    public async Task Generate_writes_a_directory_per_namespace_with_kustomizations()
    {
        var output = Path.Combine(_work, "out");

        var (exit, _, stderr) = await RunAsync("generate", "-t", Hubble("basic-sample-400-tcp-flows.json"), "-t", Hubble("basic-sample-10-flows.json"), "--out", output);

        exit.Should().Be(PolicyCtl.ExitOk, stderr);
        var namespaces = Directory.GetDirectories(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        namespaces.Should().Contain("bookinfo");
        File.ReadAllText(Path.Combine(output, "kustomization.yaml")).Should().Be($"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n{string.Concat(namespaces.Select(n => $"- {n}\n"))}");
        var bookinfo = File.ReadAllText(Path.Combine(output, "bookinfo", "kustomization.yaml"));
        bookinfo.Should().Contain("- productpage-v1-deployment.yaml\n");
        var files = Directory.GetFiles(Path.Combine(output, "bookinfo"), "*-deployment.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        bookinfo.Should().Be($"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n{string.Concat(files.Select(f => $"- {f}\n"))}");
        File.ReadAllText(Path.Combine(output, "bookinfo", "productpage-v1-deployment.yaml")).Should().Contain("kind: NetworkPolicy");
    }

    [Fact]
    public async Task Same_inputs_in_any_order_give_the_same_bytes()
    {
        string[] inputs = [Hubble("basic-sample-400-tcp-flows.json"), Hubble("basic-sample-400-udp-flows.json"), Hubble("basic-sample-10-flows.json"), RepositoryPaths.TestData("ig-advisor-legacy", "multiple.input")];
        var outputs = new List<string>();
        foreach (var order in new[] { new[] { 0, 1, 2, 3 }, [3, 2, 1, 0], [1, 3, 0, 2] })
        {
            var args = order.SelectMany(i => new[] { "--traffic", inputs[i] }).Concat(["--out", "-"]).Prepend("generate").ToArray();
            var (exit, stdout, stderr) = await RunAsync(args);
            exit.Should().Be(PolicyCtl.ExitOk, stderr);
            outputs.Add(stdout);
        }

        outputs[0].Should().Contain("kind: NetworkPolicy");
        outputs.Should().AllBe(outputs[0]);
    }

    [Fact]
    public async Task Malformed_traffic_exits_2_naming_file_and_line()
    {
        var file = Path.Combine(_work, "flows.json");
        await File.WriteAllTextAsync(file, "{\"flow\":{\"verdict\":\"DROPPED\"}}\n{\"flow\": nope}\n");

        var (exit, stdout, stderr) = await RunAsync("generate", "--traffic", file, "--out", "-");

        exit.Should().Be(PolicyCtl.ExitUsage);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith($"policyctl: error: {file}:2: invalid JSON in a Hubble flow line:");
    }

    [Fact]
    public async Task Unattributed_flows_and_unresolved_peers_are_reported_on_stderr()
    {
        var (exit, _, stderr) = await RunAsync("generate", "--traffic", RepositoryPaths.TestData("ig-advisor-latest", "connect-to-svc.input"), "--out", "-");

        exit.Should().Be(PolicyCtl.ExitOk);
        stderr.Should().Contain("(no inventory: workloads attributed from the traffic's own labels)")
            .And.Contain("note: ").And.Contain("Service default/kubernetes port 443: target port unknown")
            .And.Contain("unresolved: test-networkpolicy-8485776873410829123/test-pod[Pod]: no stable label");
    }

    [Fact]
    public async Task Cilium_format_writes_fqdn_rules_and_the_dns_proxy_rule()
    {
        var traffic = Path.Combine(_work, "flows.json");
        await File.WriteAllTextAsync(traffic, """
            {"flow":{"time":"2024-01-01T00:00:00Z","verdict":"FORWARDED","IP":{"source":"10.0.0.5","destination":"203.0.113.7"},"l4":{"TCP":{"destination_port":443}},"source":{"namespace":"shop","pod_name":"web-5d4f8b9c6-abcde","labels":["k8s:app=web"]},"destination":{"labels":["reserved:world"]},"destination_names":["api.example.com"],"traffic_direction":"EGRESS","node_name":"n1"}}
            """);

        var (exit, stdout, stderr) = await RunAsync("generate", "--traffic", traffic, "--format", "cilium", "--out", "-");

        exit.Should().Be(PolicyCtl.ExitOk, stderr);
        stdout.Should().Contain("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\n")
            .And.Contain("  - toFQDNs:\n    - matchName: api.example.com\n    toPorts:\n    - ports:\n      - port: \"443\"\n        protocol: TCP\n")
            .And.Contain("      rules:\n        dns:\n        - matchPattern: '*'\n")
            .And.Contain("k8s:io.kubernetes.pod.namespace: kube-system")
            .And.Contain("  endpointSelector:\n    matchLabels:\n      app: web\n");
    }

    [Fact]
    public async Task Config_sets_the_options_and_flags_override_it()
    {
        var config = Path.Combine(_work, "generator.yaml");
        await File.WriteAllTextAsync(config, """
            apiVersion: policyoperator.io/v1alpha1
            kind: PolicyGenerator
            metadata:
              name: default
            spec:
              policyTypes: Both
              dns:
                strategy: OpenShift
              output:
                format: NetworkPolicy
            """);
        var traffic = RepositoryPaths.TestData("ig-advisor-legacy", "accept-from-pod.input");

        var fromConfig = await RunAsync("generate", "-t", traffic, "--config", config, "--out", "-");
        var overridden = await RunAsync("generate", "-t", traffic, "--config", config, "--dns", "KubeDns", "--out", "-");

        fromConfig.Stdout.Should().Contain("  - Ingress\n  - Egress\n").And.Contain("kubernetes.io/metadata.name: openshift-dns").And.Contain("port: 5353");
        overridden.Stdout.Should().Contain("kubernetes.io/metadata.name: kube-system").And.NotContain("openshift-dns");
    }

    [Theory]
    [InlineData("spec:\n  dns:\n    strategy: Bind9\n", "generator.yaml:1 (record 1): spec.dns.strategy: 'Bind9' is not one of")]
    [InlineData("spec:\n  output:\n    format: Calico\n", "generator.yaml:1 (record 1): spec.output.format: 'Calico'")]
    public async Task Bad_config_exits_2_naming_the_field(string spec, string expected)
    {
        var config = Path.Combine(_work, "generator.yaml");
        await File.WriteAllTextAsync(config, $"apiVersion: policyoperator.io/v1alpha1\nkind: PolicyGenerator\n{spec}");

        var (exit, _, stderr) = await RunAsync("generate", "-t", RepositoryPaths.TestData("ig-advisor-legacy", "accept-from-pod.input"), "--config", config, "--out", "-");

        exit.Should().Be(PolicyCtl.ExitUsage);
        stderr.Should().Contain(expected);
    }

    [Fact]
    public async Task Evidence_file_carries_counts_while_the_policies_do_not()
    {
        var evidence = Path.Combine(_work, "evidence.yaml");

        var (exit, stdout, _) = await RunAsync("generate", "-t", Hubble("basic-sample-400-tcp-flows.json"), "--out", "-", "--evidence", evidence);

        exit.Should().Be(PolicyCtl.ExitOk);
        stdout.Should().NotContain("connections").And.NotContain("2021-11-10");
        File.ReadAllText(evidence).Should().Contain("- policy: bookinfo/productpage-v1-deployment\n").And.Contain("connections: ").And.Contain("firstSeen: 2021-11-10");
    }
}

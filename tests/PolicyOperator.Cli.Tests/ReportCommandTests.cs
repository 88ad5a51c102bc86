using System.Text.Json;
using FluentAssertions;
using PolicyOperator.Cli;
using PolicyOperator.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PolicyOperator.Cli.Tests;

public sealed class ReportCommandTests
{
    private static readonly string Traffic = RepositoryPaths.InRepository("docs", "examples", "report", "traffic.yaml");
    private static readonly string Inventory = RepositoryPaths.InRepository("docs", "examples", "report", "inventory.yaml");

    [Fact]
    public async Task Report_without_a_question_answers_every_question_as_tables()
    {
        var (exit, stdout, _) = await Run("report", "-t", Traffic, "-i", Inventory);

        exit.Should().Be(PolicyCtl.ExitOk);
        stdout.Should().Contain("== DNS queries by workload (55 queries, 4 failed)")
            .And.Contain("== Failed lookups by source")
            .And.Contain("== Internal and external names queried, by workload")
            .And.Contain("== External endpoints by workload (north-south egress)")
            .And.Contain("== Cross-cluster traffic (clusters: east, west)")
            .And.Contain("== Hairpinning")
            .And.Contain("== Suggested egress allow rules");
        stdout.Should().MatchRegex(@"!\s+east:shop/cart\s+east:payments/pay\s+9090/TCP\s+3\s+prod -> dev");
        stdout.Should().MatchRegex(@"east:shop/cart\s+203\.0\.113\.10/32 \(shop\.example\.com\)\s+443/TCP\s+5\s+service shop/web");
    }

    [Fact]
    public async Task To_the_api_server_lists_clients_by_service_and_by_endpoint_address()
    {
        var (exit, stdout, _) = await Run("report", "-t", Traffic, "-i", Inventory, "--to", "kubernetes.default.svc");

        exit.Should().Be(PolicyCtl.ExitOk);
        stdout.Should().StartWith("== Who talks to kubernetes.default.svc (the API server)");
        stdout.Should().MatchRegex(@"east:ops/agent\s+172\.18\.0\.2/32\s+6443/TCP\s+7").And.MatchRegex(@"east:shop/web\s+east:default/kubernetes\s+default/kubernetes\s+6443/TCP\s+2");
    }

    [Fact]
    public async Task Json_output_has_one_property_per_question_cut_to_top()
    {
        var (exit, stdout, _) = await Run("report", "dns", "-t", Traffic, "-o", "json", "--top", "1");

        exit.Should().Be(PolicyCtl.ExitOk);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        root.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        root.TryGetProperty("externalEndpoints", out _).Should().BeFalse();
        var dns = root.GetProperty("dnsHotspots");
        dns.GetProperty("totalQueries").GetInt64().Should().Be(55);
        dns.GetProperty("names").GetArrayLength().Should().Be(1);
        dns.GetProperty("names")[0].GetProperty("name").GetString().Should().Be("cart.shop.svc.cluster.local");
        dns.GetProperty("failures")[0].GetProperty("rcode").GetString().Should().Be("NXDOMAIN");
    }

    [Fact]
    public async Task Fqdn_exports_cilium_policies_and_an_allow_list()
    {
        var (exit, cilium, _) = await Run("report", "fqdn", "-t", Traffic, "-o", "cilium");
        var (_, allowList, _) = await Run("report", "fqdn", "-t", Traffic, "-o", "allow-list");

        exit.Should().Be(PolicyCtl.ExitOk);
        var stream = new YamlStream();
        stream.Load(new StringReader(cilium));
        stream.Documents.Should().HaveCount(4);
        stream.Documents.Select(d => d.RootNode["kind"].ToString()).Should().AllBe("CiliumNetworkPolicy");
        allowList.Should().Contain("# east:shop/web\napi.github.com 443/TCP\ns3.amazonaws.com 443/TCP\n");
    }

    [Fact]
    public async Task Metrics_are_written_in_prometheus_text_format()
    {
        var (exit, stdout, _) = await Run("report", "metrics", "-t", Traffic);

        exit.Should().Be(PolicyCtl.ExitOk);
        stdout.Should().Contain("policyoperator_dns_queries_total{cluster=\"east\",namespace=\"shop\",workload=\"web\"} 47\n")
            .And.Contain("policyoperator_external_endpoints{cluster=\"east\",namespace=\"shop\",workload=\"web\"} 3\n");
    }

    [Fact]
    public async Task Hubble_capture_is_read_directly_and_what_was_left_out_is_said_on_stderr()
    {
        var file = RepositoryPaths.TestData("hubble-otel-flows", "basic-sample-330-dns-flows.json");

        var (exit, stdout, stderr) = await Run("report", "dns", "-t", file);

        exit.Should().Be(PolicyCtl.ExitOk);
        stdout.Should().Contain("== DNS queries by namespace (165 queries, 102 failed)");
        stdout.Should().MatchRegex(@"default:kube-system/node-local-dns-88zrp\s+64\s+");
        stderr.Should().Contain("skipped 165 flow(s): reply");
    }

    [Theory]
    [InlineData("target 'a/b/c'", "report", "--to", "a/b/c")]
    [InlineData("--to and --from go with the talks question", "report", "dns", "--to", "s3.amazonaws.com")]
    [InlineData("the talks question needs --to or --from", "report", "talks")]
    [InlineData("-o cilium goes with the fqdn question", "report", "-o", "cilium")]
    [InlineData("give --to or --from, not both", "report", "--to", "a", "--from", "b")]
    public async Task Bad_usage_is_exit_2_with_a_message_saying_what_is_wrong(string message, params string[] args)
    {
        var (exit, _, stderr) = await Run([.. args, "-t", Traffic]);

        exit.Should().Be(PolicyCtl.ExitUsage);
        stderr.Should().Contain(message);
    }

    [Fact]
    public async Task Missing_traffic_file_is_exit_2_naming_it()
    {
        var (exit, _, stderr) = await Run("report", "-t", "no-such-traffic.yaml");

        exit.Should().Be(PolicyCtl.ExitUsage);
        stderr.Should().Contain("no-such-traffic.yaml: no such file or directory");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await PolicyCtl.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}

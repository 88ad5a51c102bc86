using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Cli;
using PolicyOperator.Operator.Tests.Support;
using Xunit;

namespace PolicyOperator.Operator.Tests.EndToEnd;

/// <summary><c>policyctl approve</c> and <c>policyctl export</c> against the test API server with a running operator.</summary>
public sealed class CliTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await PolicyCtl.RunAsync(args, TextReader.Null, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Policyctl_approve_approves_the_current_revision_and_the_operator_applies_it()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        using var directory = new TempDirectory();
        var kubeconfig = cluster.Server.WriteKubeconfig(Path.Combine(directory.Path, "kubeconfig"));
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync();
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");

        var (exit, stdout, stderr) = await RunAsync("approve", "api-deployment", "-n", "shop", "--by", "alice", "--kubeconfig", kubeconfig);

        exit.Should().Be(0, stderr);
        stdout.Should().Contain("approved shop/api-deployment revision 1");
        var applied = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied, "applied");
        applied.Spec.ApprovedBy.Should().Be("alice");

        (exit, _, stderr) = await RunAsync("approve", "web-deployment", "-n", "shop", "--reject", "--kubeconfig", kubeconfig);
        exit.Should().Be(0, stderr);
        await cluster.ProposalWhereAsync("web-deployment", p => p.Status?.Phase == ProposalPhase.Rejected, "rejected");

        (exit, _, stderr) = await RunAsync("approve", "nosuch", "-n", "shop", "--kubeconfig", kubeconfig);
        exit.Should().Be(2);
        stderr.Should().Contain("shop/nosuch").And.Contain("not found");
    }

    [Fact]
    public async Task Real_kubectl_lists_proposals_and_approves_one_by_annotation()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        using var kubectl = new PolicyOperator.Testing.KubectlRunner(path => cluster.Server.WriteKubeconfig(path));
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync();
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");

        var table = await kubectl.SucceedAsync("get", "npp", "-n", "shop");
        table.Should().Contain("api-deployment").And.Contain("Proposed").And.Contain("Passed");
        await kubectl.SucceedAsync("annotate", "npp", "api-deployment", "-n", "shop", $"{NetworkPolicyProposal.ApprovedAnnotation}=true");

        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied, "applied");
        (await kubectl.SucceedAsync("get", "networkpolicy", "-n", "shop")).Should().Contain("api-deployment");
    }

    [Fact]
    public async Task Policyctl_export_writes_the_same_files_as_policyctl_generate_from_the_same_traffic()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        using var directory = new TempDirectory();
        var kubeconfig = cluster.Server.WriteKubeconfig(Path.Combine(directory.Path, "kubeconfig"));
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync();
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");
        await cluster.ProposalWhereAsync("web-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");
        var webFile = Path.Combine(directory.Path, "web.json");
        var apiFile = Path.Combine(directory.Path, "api.json");
        await File.WriteAllTextAsync(webFile, System.Text.Json.JsonSerializer.Serialize(web, PolicyOperator.Api.ApiJson.Options));
        await File.WriteAllTextAsync(apiFile, System.Text.Json.JsonSerializer.Serialize(api, PolicyOperator.Api.ApiJson.Options));

        var exported = Path.Combine(directory.Path, "exported");
        var generated = Path.Combine(directory.Path, "generated");
        var export = await RunAsync("export", "--out", exported, "--kubeconfig", kubeconfig);
        var generate = await RunAsync("generate", "--traffic", webFile, apiFile, "--out", generated);

        export.Exit.Should().Be(0, export.Stderr);
        generate.Exit.Should().Be(0, generate.Stderr);
        var files = Directory.GetFiles(exported, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(exported, f)).Order().ToList();
        files.Should().Equal("kustomization.yaml", Path.Combine("shop", "api-deployment.yaml"), Path.Combine("shop", "kustomization.yaml"), Path.Combine("shop", "web-deployment.yaml"));
        foreach (var file in files)
        {
            (await File.ReadAllTextAsync(Path.Combine(exported, file))).Should().Be(await File.ReadAllTextAsync(Path.Combine(generated, file)), file);
        }

        var approvedOnly = await RunAsync("export", "--out", Path.Combine(directory.Path, "approved"), "--approved", "--kubeconfig", kubeconfig);
        approvedOnly.Exit.Should().Be(0);
        approvedOnly.Stderr.Should().Contain("0 policies from 0 of 2 proposal(s)");
    }

    [Fact]
    public async Task A_generator_asking_for_cilium_gets_a_CiliumNetworkPolicy_in_each_proposal_for_export_while_only_the_NetworkPolicy_is_applied()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        using var directory = new TempDirectory();
        var kubeconfig = cluster.Server.WriteKubeconfig(Path.Combine(directory.Path, "kubeconfig"));
        await cluster.Client.PolicyGenerators.CreateAsync(
            new PolicyGenerator { Metadata = new PolicyOperator.Api.Meta.ObjectMeta { Name = "cilium" }, Spec = new PolicyGeneratorSpec { OutputFormat = OutputFormat.CiliumNetworkPolicy } },
            CancellationToken.None);
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync();

        var proposed = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");
        proposed.Spec.Policies.Select(p => (p.Policy["apiVersion"]!.GetValue<string>(), p.Policy["kind"]!.GetValue<string>()))
            .Should().Equal(("networking.k8s.io/v1", "NetworkPolicy"), ("cilium.io/v2", "CiliumNetworkPolicy"));
        proposed.Spec.Policies[1].Evidence.Should().NotBeEmpty("the Cilium policy rests on the same evidence");

        await cluster.ApproveByAnnotationAsync("api-deployment");
        var applied = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied, "applied");
        applied.Status!.AppliedPolicies.Should().Equal("api-deployment");
        (await cluster.PolicyAsync("api-deployment")).Should().NotBeNull("the NetworkPolicy is applied; the CiliumNetworkPolicy is for review and export");

        var exported = Path.Combine(directory.Path, "cilium");
        var export = await RunAsync("export", "--out", exported, "--format", "cilium", "--kubeconfig", kubeconfig);
        export.Exit.Should().Be(0, export.Stderr);
        (await File.ReadAllTextAsync(Path.Combine(exported, "shop", "api-deployment.yaml"))).Should().Contain("kind: CiliumNetworkPolicy").And.Contain("cilium.io/v2");
        var plain = Path.Combine(directory.Path, "plain");
        (await RunAsync("export", "--out", plain, "--kubeconfig", kubeconfig)).Exit.Should().Be(0);
        (await File.ReadAllTextAsync(Path.Combine(plain, "shop", "api-deployment.yaml"))).Should().Contain("kind: NetworkPolicy").And.NotContain("Cilium");
    }
}

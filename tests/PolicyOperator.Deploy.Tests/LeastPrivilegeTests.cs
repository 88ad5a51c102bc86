using FluentAssertions;
using Xunit;

namespace PolicyOperator.Deploy.Tests;

public sealed class LeastPrivilegeTests
{
    private static readonly string[] WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    private static IEnumerable<string> NetworkPolicyWrites(HashSet<(string Group, string Resource, string Verb)> permissions) =>
        permissions.Where(p => p.Group == "networking.k8s.io" && p.Resource == "networkpolicies" && WriteVerbs.Contains(p.Verb)).Select(p => p.Verb);

    [Theory]
    [InlineData("Observe")]
    [InlineData("Propose")]
    public async Task Operator_cluster_role_has_no_network_policy_write_unless_enforcing(string mode)
    {
        var role = (await Manifests.HelmTemplateAsync("--set", $"mode={mode}")).Single("ClusterRole", "-operator");

        NetworkPolicyWrites(role.Permissions()).Should().BeEmpty();
    }

    [Fact]
    public async Task Enforce_mode_adds_exactly_network_policy_write_to_the_operator()
    {
        var propose = (await Manifests.HelmTemplateAsync()).Single("ClusterRole", "-operator").Permissions();
        var enforce = (await Manifests.HelmTemplateAsync("--set", "mode=Enforce")).Single("ClusterRole", "-operator").Permissions();

        enforce.Except(propose).Should().BeEquivalentTo(
            WriteVerbs.Where(v => v != "deletecollection").Select(v => ("networking.k8s.io", "networkpolicies", v)));
        propose.Except(enforce).Should().BeEmpty();
    }

    [Fact]
    public async Task Kustomize_enforce_overlay_adds_exactly_network_policy_write()
    {
        var propose = (await Manifests.KustomizeAsync("default")).Single("ClusterRole", "-operator").Permissions();
        var enforce = (await Manifests.KustomizeAsync("enforce")).Single("ClusterRole", "-operator").Permissions();

        NetworkPolicyWrites(propose).Should().BeEmpty();
        enforce.Except(propose).Select(p => (p.Group, p.Resource)).Distinct()
            .Should().BeEquivalentTo([("networking.k8s.io", "networkpolicies")]);
    }

    [Theory]
    [InlineData("Propose", "default")]
    [InlineData("Enforce", "enforce")]
    public async Task Kustomize_and_helm_grant_the_same_rbac(string mode, string kustomizeDir)
    {
        var helm = await Manifests.HelmTemplateAsync("--set", $"mode={mode}");
        var kustomize = await Manifests.KustomizeAsync(kustomizeDir);

        foreach (var (kind, suffix) in new[] { ("ClusterRole", "-operator"), ("ClusterRole", "-agent"), ("Role", "-leader-election") })
        {
            kustomize.Single(kind, suffix).Permissions().Should().BeEquivalentTo(helm.Single(kind, suffix).Permissions(), $"{kind} *{suffix}");
        }
    }

    [Fact]
    public async Task Agent_never_writes_network_policies()
    {
        var agent = (await Manifests.HelmTemplateAsync("--set", "mode=Enforce")).Single("ClusterRole", "-agent").Permissions();

        agent.Should().NotContain(p => p.Resource == "networkpolicies");
    }

    [Fact]
    public async Task Agent_is_not_privileged_and_adds_only_the_named_capabilities()
    {
        var daemonSet = (await Manifests.HelmTemplateAsync()).Single("DaemonSet", "-agent");
        var security = daemonSet.Path("spec", "template", "spec", "containers", "0", "securityContext")!;

        security.Path("privileged")!.ToString().Should().Be("false");
        security.Path("allowPrivilegeEscalation")!.ToString().Should().Be("false");
        security.Path("readOnlyRootFilesystem")!.ToString().Should().Be("true");
        security.Path("capabilities", "drop").Strings().Should().Equal("ALL");
        security.Path("capabilities", "add").Strings().Should().BeEquivalentTo("BPF", "PERFMON", "NET_ADMIN", "SYS_PTRACE");
        daemonSet.Path("spec", "template", "spec", "hostNetwork")!.ToString().Should().Be("false");
        daemonSet.Path("spec", "template", "spec", "hostPID")!.ToString().Should().Be("false");
    }

    [Fact]
    public async Task Operator_runs_as_non_root_with_a_read_only_root_and_no_capabilities()
    {
        var pod = (await Manifests.HelmTemplateAsync()).Single("Deployment", "-operator").Path("spec", "template", "spec")!;

        pod.Path("securityContext", "runAsNonRoot")!.ToString().Should().Be("true");
        pod.Path("containers", "0", "securityContext", "readOnlyRootFilesystem")!.ToString().Should().Be("true");
        pod.Path("containers", "0", "securityContext", "capabilities", "drop").Strings().Should().Equal("ALL");
        pod.Path("containers", "0", "securityContext", "capabilities", "add").Should().BeNull();
    }
}

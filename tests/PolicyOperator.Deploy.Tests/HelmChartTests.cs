using FluentAssertions;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Deploy.Tests;

public sealed class HelmChartTests
{
    public static TheoryData<string> ValueSets => new() { "default", "enforce", "agent-only", "operator-only" };

    private static string[] ValuesArgs(string set) =>
        set == "default" ? [] : ["--values", Path.Combine(Manifests.Chart, "ci", $"{set}-values.yaml")];

    [Theory]
    [MemberData(nameof(ValueSets))]
    public async Task Chart_passes_helm_lint_strict_with_each_value_set(string set)
    {
        var result = await ProcessRunner.RunAsync(Manifests.Helm, ["lint", "--strict", Manifests.Chart, .. ValuesArgs(set)]);

        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        result.Stdout.Should().Contain("0 chart(s) failed");
    }

    [Theory]
    [InlineData("default", new[] { "Deployment", "DaemonSet", "PodDisruptionBudget", "PriorityClass" })]
    [InlineData("agent-only", new[] { "DaemonSet", "PriorityClass" })]
    [InlineData("operator-only", new[] { "Deployment", "PodDisruptionBudget" })]
    public async Task Value_sets_render_exactly_the_components_they_enable(string set, string[] workloadKinds)
    {
        var docs = await Manifests.HelmTemplateAsync(ValuesArgs(set));

        docs.Select(d => d.Kind()).Where(k => k is "Deployment" or "DaemonSet" or "PodDisruptionBudget" or "PriorityClass")
            .Should().BeEquivalentTo(workloadKinds);
    }

    [Fact]
    public async Task Operator_runs_two_replicas_with_leader_election_and_a_disruption_budget()
    {
        var docs = await Manifests.HelmTemplateAsync();
        var deployment = docs.Single("Deployment", "-operator");

        deployment.Path("spec", "replicas")!.ToString().Should().Be("2");
        deployment.Path("spec", "template", "spec", "containers", "0", "args").Strings().Should().Contain("--leader-elect=true");
        docs.Single("PodDisruptionBudget", "-operator").Path("spec", "minAvailable")!.ToString().Should().Be("1");
    }

    [Fact]
    public async Task Schema_rejects_an_unknown_mode_naming_the_field()
    {
        var result = await ProcessRunner.RunAsync(Manifests.Helm, ["template", "x", Manifests.Chart, "--set", "mode=Bogus"]);

        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain("mode").And.Contain("Enforce");
    }

    [Fact]
    public async Task Schema_rejects_an_unknown_value_key()
    {
        var result = await ProcessRunner.RunAsync(Manifests.Helm, ["template", "x", Manifests.Chart, "--set", "agent.privileged=true"]);

        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain("privileged");
    }

    [Fact]
    public async Task Service_monitor_is_rendered_only_when_enabled()
    {
        (await Manifests.HelmTemplateAsync()).Should().NotContain(d => d.Kind() == "ServiceMonitor");
        (await Manifests.HelmTemplateAsync("--set", "metrics.serviceMonitor.enabled=true"))
            .Count(d => d.Kind() == "ServiceMonitor").Should().Be(2);
    }
}

using FluentAssertions;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers;
using PolicyOperator.Controllers.Enforcement;
using PolicyOperator.Controllers.Generators;
using PolicyOperator.Operator;
using Xunit;

namespace PolicyOperator.Operator.Tests.Unit;

public sealed class SmallPartsTests
{
    [Theory]
    [InlineData("24h", 24 * 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("90m", 5400)]
    [InlineData("10s", 10)]
    [InlineData("1.5h", 5400)]
    [InlineData("0", 0)]
    public void Go_durations_parse(string text, int seconds) =>
        GoDuration.Parse(text, "f").Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("1d")]
    [InlineData("h")]
    public void Bad_durations_name_the_field(string text) =>
        FluentActions.Invoking(() => GoDuration.Parse(text, "spec.learningWindow")).Should().Throw<FormatException>().WithMessage("spec.learningWindow*");

    [Fact]
    public void Defaulting_by_the_api_server_is_no_difference()
    {
        var selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } };
        var applied = new NetworkPolicySpec
        {
            PodSelector = selector,
            Ingress = [new NetworkPolicyIngressRule { Ports = [new NetworkPolicyPort { Port = IntOrString.FromNumber(80) }] }],
        };
        var defaulted = applied with
        {
            PolicyTypes = ["Ingress"],
            Ingress = [new NetworkPolicyIngressRule { Ports = [new NetworkPolicyPort { Protocol = "TCP", Port = IntOrString.FromNumber(80) }], From = [] }],
        };

        PolicyNormalizer.SameSpec(applied, defaulted).Should().BeTrue();
        PolicyNormalizer.SameSpec(applied, defaulted with { PolicyTypes = ["Ingress", "Egress"] }).Should().BeFalse();
    }

    [Fact]
    public void A_generator_selects_namespaces_by_label_and_the_operator_caps_its_mode()
    {
        var generators = new[]
        {
            new PolicyGenerator { Metadata = new ObjectMeta { Name = "prod" }, Spec = new PolicyGeneratorSpec { Mode = GeneratorMode.Enforce, NamespaceSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["env"] = "prod" } }, LearningWindow = "2h" } },
        };

        var prod = GeneratorResolver.Resolve(generators, new Dictionary<string, string> { ["env"] = "prod" }, new OperatorOptions { Mode = GeneratorMode.Enforce });
        prod.Name.Should().Be("prod");
        prod.Mode.Should().Be(GeneratorMode.Enforce);
        prod.LearningWindow.Should().Be(TimeSpan.FromHours(2));

        GeneratorResolver.Resolve(generators, new Dictionary<string, string> { ["env"] = "prod" }, new OperatorOptions { Mode = GeneratorMode.Propose }).Mode.Should().Be(GeneratorMode.Propose);
        GeneratorResolver.Resolve(generators, new Dictionary<string, string> { ["env"] = "dev" }, new OperatorOptions()).Name.Should().BeNull();
    }

    [Fact]
    public void A_bad_window_in_a_generator_never_enforces_early_and_is_reported()
    {
        var generator = new PolicyGenerator { Metadata = new ObjectMeta { Name = "g" }, Spec = new PolicyGeneratorSpec { Mode = GeneratorMode.Enforce, LearningWindow = "a week" } };

        var resolved = GeneratorResolver.Resolve([generator], new Dictionary<string, string>(), new OperatorOptions { Mode = GeneratorMode.Enforce });

        resolved.LearningWindow.Should().Be(TimeSpan.MaxValue);
        resolved.Problem.Should().Contain("spec.learningWindow");
    }

    [Theory]
    [InlineData("config", "operator", "operator-deployment.yaml")]
    [InlineData("charts", "policy-operator", "templates", "operator-deployment.yaml")]
    public void Every_flag_the_deployment_manifests_pass_is_understood(params string[] path)
    {
        var args = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(PolicyOperator.Testing.RepositoryPaths.InRepository(path)), @"^\s*- (--[a-z-]+)=(.+?)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[2].Value.Contains("{{", StringComparison.Ordinal) ? $"{m.Groups[1].Value}={Sample(m.Groups[1].Value)}" : m.Value.Trim()[2..])
            .ToList();

        args.Should().HaveCountGreaterThanOrEqualTo(8);
        FluentActions.Invoking(() => OperatorFlags.Parse(args)).Should().NotThrow();

        static string Sample(string flag) => flag switch
        {
            "--mode" => "Propose",
            "--leader-elect" => "true",
            "--log-format" => "json",
            "--metrics-port" or "--health-port" => "8080",
            _ => "15s",
        };
    }

    [Fact]
    public void The_charts_flags_parse()
    {
        var flags = OperatorFlags.Parse(["--mode=Enforce", "--leader-elect=true", "--lease-duration=15s", "--renew-deadline=10s", "--retry-period=2s", "--metrics-port=8080", "--health-port=8081", "--log-format=json"]);

        flags.Should().BeEquivalentTo(new OperatorFlags
        {
            Mode = GeneratorMode.Enforce,
            LeaderElect = true,
            LeaseDuration = TimeSpan.FromSeconds(15),
            RenewDeadline = TimeSpan.FromSeconds(10),
            RetryPeriod = TimeSpan.FromSeconds(2),
            MetricsPort = 8080,
            HealthPort = 8081,
            LogFormat = "json",
        });
        FluentActions.Invoking(() => OperatorFlags.Parse(["--lease-duration=soon"])).Should().Throw<ArgumentException>().WithMessage("--lease-duration*");
        FluentActions.Invoking(() => OperatorFlags.Parse(["--bogus"])).Should().Throw<ArgumentException>().WithMessage("unknown flag --bogus");
    }
}

using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers;
using PolicyOperator.Controllers.Enforcement;
using PolicyOperator.Controllers.Generators;
using PolicyOperator.Engine.Synthesis;
using Xunit;

namespace PolicyOperator.Operator.Tests.Unit;

public sealed class EnforcementGateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static EnforcementDecision Decide(GeneratorMode operatorMode, GeneratorMode generatorMode, bool approved = false, bool rejected = false, bool safe = true, TimeSpan? sinceFirst = null, TimeSpan? sinceRevision = null) =>
        EnforcementGate.Decide(
            new OperatorOptions { Mode = operatorMode },
            new EffectiveGenerator("g", (GeneratorMode)Math.Min((int)generatorMode, (int)operatorMode), TimeSpan.FromHours(24), TimeSpan.FromHours(1), SynthesisOptions.Default),
            approved,
            rejected,
            safe,
            T0,
            T0 + (sinceFirst ?? TimeSpan.Zero) - (sinceRevision ?? TimeSpan.Zero),
            T0 + (sinceFirst ?? TimeSpan.Zero));

    [Theory]
    [InlineData(GeneratorMode.Propose, GeneratorMode.Enforce, true, false, true, 48, 48, false, EnforcementDecision.OperatorNotEnforcing)]
    [InlineData(GeneratorMode.Enforce, GeneratorMode.Propose, false, false, true, 48, 48, false, EnforcementDecision.AwaitingApproval)]
    [InlineData(GeneratorMode.Enforce, GeneratorMode.Propose, true, false, true, 0, 0, true, EnforcementDecision.Approved)]
    [InlineData(GeneratorMode.Enforce, GeneratorMode.Propose, true, false, false, 48, 48, false, EnforcementDecision.SafetyCheckFailed)]
    [InlineData(GeneratorMode.Enforce, GeneratorMode.Enforce, false, true, true, 48, 48, false, EnforcementDecision.Rejected)]
    [InlineData(GeneratorMode.Enforce, GeneratorMode.Enforce, false, false, true, 23, 23, false, EnforcementDecision.Learning)]
    [InlineData(GeneratorMode.Enforce, GeneratorMode.Enforce, false, false, true, 25, 0, false, EnforcementDecision.Stabilizing)]
    [InlineData(GeneratorMode.Enforce, GeneratorMode.Enforce, false, false, true, 25, 2, true, EnforcementDecision.Enforced)]
    [InlineData(GeneratorMode.Enforce, GeneratorMode.Enforce, false, false, false, 25, 2, false, EnforcementDecision.SafetyCheckFailed)]
    public void Applies_only_when_mode_review_safety_and_both_windows_allow(
        GeneratorMode operatorMode, GeneratorMode generatorMode, bool approved, bool rejected, bool safe, int hoursSinceFirst, int hoursSinceRevision, bool apply, string reason)
    {
        var decision = Decide(operatorMode, generatorMode, approved, rejected, safe, TimeSpan.FromHours(hoursSinceFirst), TimeSpan.FromHours(hoursSinceRevision));

        decision.Apply.Should().Be(apply);
        decision.Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData(false, false, EnforcementDecision.PeerObservationsOnly)]
    [InlineData(true, true, EnforcementDecision.Approved)]
    public void A_revision_resting_on_peers_observations_only_is_enforced_only_when_approved(bool approved, bool apply, string reason)
    {
        var decision = EnforcementGate.Decide(
            new OperatorOptions { Mode = GeneratorMode.Enforce },
            new EffectiveGenerator("g", GeneratorMode.Enforce, TimeSpan.Zero, TimeSpan.Zero, SynthesisOptions.Default),
            approved,
            rejected: false,
            safe: true,
            T0,
            T0,
            T0 + TimeSpan.FromDays(30),
            peerObservationsOnly: true);

        decision.Apply.Should().Be(apply);
        decision.Reason.Should().Be(reason);
    }

    [Fact]
    public void While_waiting_it_says_when_to_look_again()
    {
        Decide(GeneratorMode.Enforce, GeneratorMode.Enforce, sinceFirst: TimeSpan.FromHours(2), sinceRevision: TimeSpan.FromHours(2)).RecheckAt.Should().Be(T0 + TimeSpan.FromHours(24));
    }
}

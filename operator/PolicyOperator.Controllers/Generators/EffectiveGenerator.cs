using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Synthesis;

namespace PolicyOperator.Controllers.Generators;

/// <summary>What applies to one namespace: the selecting PolicyGenerator's settings, capped by the operator's mode.</summary>
/// <param name="Name">The PolicyGenerator, or null when none selects the namespace (defaults apply).</param>
/// <param name="Mode">The mode after the operator's cap.</param>
/// <param name="LearningWindow">How long traffic is observed before anything is applied automatically.</param>
/// <param name="StabilizationWindow">How long a revision must stay unchanged before it is applied automatically.</param>
/// <param name="Synthesis">The synthesis options.</param>
/// <param name="Problem">Why the generator's spec could not be used as written (defaults were used), or null.</param>
/// <param name="Format">CiliumNetworkPolicy: proposals also carry a CiliumNetworkPolicy (toFQDNs) for review and export.</param>
public sealed record EffectiveGenerator(
    string? Name,
    GeneratorMode Mode,
    TimeSpan LearningWindow,
    TimeSpan StabilizationWindow,
    SynthesisOptions Synthesis,
    string? Problem = null,
    OutputFormat Format = OutputFormat.NetworkPolicy);

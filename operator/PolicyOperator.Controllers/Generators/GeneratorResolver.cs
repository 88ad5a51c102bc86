using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Api;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Generation;

namespace PolicyOperator.Controllers.Generators;

/// <summary>
/// Picks the PolicyGenerator for a namespace (its namespaceSelector matches the namespace's labels; of
/// several, the first by name, so that the choice is stable) and caps its mode by the operator's. Pure.
/// </summary>
public static class GeneratorResolver
{
    public static EffectiveGenerator Resolve(IEnumerable<PolicyGenerator> generators, IReadOnlyDictionary<string, string> namespaceLabels, OperatorOptions options)
    {
        var generator = generators
            .Where(g => g.Metadata.DeletionTimestamp is null && (g.Spec.NamespaceSelector is not { } selector || LabelSelectorMatcher.Matches(selector, namespaceLabels)))
            .OrderBy(g => g.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (generator is null)
        {
            var defaults = new PolicyGeneratorSpec();
            return new EffectiveGenerator(null, Cap(options.DefaultGeneratorMode, options), Parse(defaults.LearningWindow, "learningWindow", out _), Parse(defaults.StabilizationWindow, "stabilizationWindow", out _), SynthesisOptions.Default);
        }

        var problems = new List<string>();
        var name = generator.Metadata.Name ?? string.Empty;
        var learning = Parse(generator.Spec.LearningWindow, "spec.learningWindow", out var learningProblem);
        var stabilization = Parse(generator.Spec.StabilizationWindow, "spec.stabilizationWindow", out var stabilizationProblem);
        problems.AddRange(new[] { learningProblem, stabilizationProblem }.OfType<string>());
        var synthesis = SynthesisOptions.Default;
        try
        {
            var spec = JsonSerializer.SerializeToNode(generator.Spec, ApiJson.Options) as JsonObject ?? [];
            synthesis = GeneratorSettings.FromSpec(spec, new DocumentSource($"PolicyGenerator {name}")).Options;
        }
        catch (InvalidInputException e)
        {
            problems.Add(e.Message);
        }

        return new EffectiveGenerator(name, Cap(generator.Spec.Mode, options), learning, stabilization, synthesis, problems.Count > 0 ? string.Join("; ", problems) : null, generator.Spec.OutputFormat);
    }

    private static GeneratorMode Cap(GeneratorMode mode, OperatorOptions options) => (GeneratorMode)Math.Min((int)mode, (int)options.Mode);

    /// <summary>A bad duration never enforces early: it counts as forever, and the problem is reported.</summary>
    private static TimeSpan Parse(string text, string field, out string? problem)
    {
        try
        {
            problem = null;
            return GoDuration.Parse(text, field);
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return TimeSpan.MaxValue;
        }
    }
}

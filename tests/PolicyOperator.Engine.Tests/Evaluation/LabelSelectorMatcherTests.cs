using FluentAssertions;
using PolicyOperator.Api.Meta;
using PolicyOperator.Engine.Evaluation;
using Xunit;
using static PolicyOperator.Engine.Tests.Evaluation.EvaluationFixtures;

namespace PolicyOperator.Engine.Tests.Evaluation;

public sealed class LabelSelectorMatcherTests
{
    [Theory]
    [InlineData("In", "a,b", "tier=a", true)]
    [InlineData("In", "a,b", "tier=c", false)]
    [InlineData("In", "a,b", "", false)]
    [InlineData("NotIn", "a,b", "tier=c", true)]
    [InlineData("NotIn", "a,b", "tier=a", false)]
    [InlineData("NotIn", "a,b", "", true)]
    [InlineData("Exists", null, "tier=x", true)]
    [InlineData("Exists", null, "", false)]
    [InlineData("DoesNotExist", null, "", true)]
    [InlineData("DoesNotExist", null, "tier=x", false)]
    public void Expressions_follow_the_label_selector_operators(string op, string? values, string labels, bool matches)
    {
        var selector = new LabelSelector
        {
            MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = op, Values = values?.Split(',') }],
        };

        LabelSelectorMatcher.Matches(selector, ParseLabels(labels)).Should().Be(matches);
    }

    [Fact]
    public void Match_labels_and_expressions_are_anded_and_empty_matches_all()
    {
        var selector = new LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "Exists" }],
        };

        LabelSelectorMatcher.Matches(selector, ParseLabels("app=web,tier=x")).Should().BeTrue();
        LabelSelectorMatcher.Matches(selector, ParseLabels("app=web")).Should().BeFalse();
        LabelSelectorMatcher.Matches(selector, ParseLabels("app=db,tier=x")).Should().BeFalse();
        LabelSelectorMatcher.Matches(new LabelSelector(), ParseLabels(string.Empty)).Should().BeTrue();
    }
}

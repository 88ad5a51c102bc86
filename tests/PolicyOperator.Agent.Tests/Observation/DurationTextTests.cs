using FluentAssertions;
using PolicyOperator.Observation;
using Xunit;

namespace PolicyOperator.Agent.Tests.Observation;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("500ms", 0.5)]
    [InlineData("45", 45)]
    public void Durations_read_as_flags_and_Helm_values_write_them(string text, double seconds) =>
        DurationText.TryParse(text).Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("soon")]
    [InlineData("0s")]
    [InlineData("-5")]
    [InlineData("5 m")]
    [InlineData("")]
    public void Anything_else_is_not_a_duration(string text) => DurationText.TryParse(text).Should().BeNull();
}

using FluentAssertions;
using PolicyOperator.Cli;
using Xunit;

namespace PolicyOperator.Cli.Tests;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Version_prints_the_tool_name_and_exits_zero()
    {
        var stdout = new StringWriter();
        var exit = await PolicyCtl.RunAsync(["version"], stdout, new StringWriter(), CancellationToken.None);

        exit.Should().Be(PolicyCtl.ExitOk);
        stdout.ToString().Should().StartWith("policyctl ");
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error()
    {
        var stderr = new StringWriter();
        var exit = await PolicyCtl.RunAsync(["no-such-command"], new StringWriter(), stderr, CancellationToken.None);

        exit.Should().NotBe(PolicyCtl.ExitOk);
        stderr.ToString().Should().Contain("no-such-command");
    }
}

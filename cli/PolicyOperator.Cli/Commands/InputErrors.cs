using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Cli.Commands;

/// <summary>Runs a command body and turns bad input into a clear message on stderr and exit code 2.</summary>
internal static class InputErrors
{
    public static async Task<int> GuardAsync(TextWriter stderr, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (InvalidInputException ex)
        {
            await stderr.WriteLineAsync($"policyctl: error: {ex.Message}");
            return PolicyCtl.ExitUsage;
        }
        catch (InvalidPolicyException ex)
        {
            await stderr.WriteLineAsync($"policyctl: error: {ex.Message}");
            return PolicyCtl.ExitUsage;
        }
    }
}

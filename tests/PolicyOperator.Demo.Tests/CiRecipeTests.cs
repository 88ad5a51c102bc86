using FluentAssertions;
using PolicyOperator.Cli;
using PolicyOperator.Testing;
using Xunit;
using YamlDotNet.Serialization;

namespace PolicyOperator.Demo.Tests;

/// <summary>
/// The CI recipe's example pipelines (docs/ci) are valid YAML, observe the test suite before verifying
/// against the committed policies, and every policyctl command in them and in the docs parses with the
/// real command tree (so a renamed flag breaks this test, not a user's pipeline).
/// </summary>
public sealed class CiRecipeTests
{
    private static readonly string GitHubWorkflow = RepositoryPaths.InRepository("docs", "ci", "github-actions.yml");
    private static readonly string GitLabJob = RepositoryPaths.InRepository("docs", "ci", "gitlab-ci.yml");

    public static TheoryData<string> DocumentsWithCommands => new()
    {
        Path.Combine("docs", "ci", "github-actions.yml"),
        Path.Combine("docs", "ci", "gitlab-ci.yml"),
        Path.Combine("docs", "demo.md"),
        "README.md",
    };

    [Fact]
    public void The_GitHub_workflow_observes_the_tests_on_pull_requests_then_verifies()
    {
        var workflow = Load(GitHubWorkflow);

        Map(workflow["on"]).Should().ContainKey("pull_request");
        var steps = Map(workflow["jobs"]).Values.SelectMany(job => List(Map(job)["steps"])).Select(Map).ToList();
        var runs = steps.Where(s => s.ContainsKey("run")).Select(s => (string)s["run"]).ToList();
        var observe = runs.FindIndex(r => r.Contains("policyctl observe", StringComparison.Ordinal) && r.Contains(" -- make test", StringComparison.Ordinal));
        var verify = runs.FindIndex(r => r.Contains("policyctl verify --policies policies/ --traffic observed.yaml", StringComparison.Ordinal));

        observe.Should().BeGreaterThanOrEqualTo(0, "the test suite runs under policyctl observe");
        verify.Should().BeGreaterThan(observe, "verification reads what the observation wrote");
        runs[verify].Should().Contain("pipefail", "piping the report through tee must not hide verify's exit code");
        steps.Where(s => s.ContainsKey("if")).Should().NotBeEmpty("the evidence is kept when verification fails");
    }

    [Fact]
    public void The_GitLab_job_observes_the_tests_then_verifies_and_keeps_the_evidence()
    {
        var job = Map(Load(GitLabJob)["network-policy-gate"]);
        var script = List(job["script"]).Cast<string>().ToList();

        script.Should().HaveCount(2);
        script[0].Should().Contain("policyctl observe").And.Contain("--out observed.yaml").And.EndWith("-- make test");
        script[1].Should().StartWith("policyctl verify --policies policies/ --traffic observed.yaml");
        Map(job["artifacts"])["when"].Should().Be("always");
    }

    [Theory]
    [MemberData(nameof(DocumentsWithCommands))]
    public void Every_policyctl_command_in_the_document_parses(string document)
    {
        var commands = CommandLines(document)
            .Select(line => line.IndexOf("policyctl ", StringComparison.Ordinal) is var at and >= 0 ? line[(at + "policyctl ".Length)..] : null)
            .OfType<string>()
            .Select(Words)
            .Where(words => words.Count > 0 && words[0] is "observe" or "generate" or "verify" or "graph" or "diff" or "report" or "connectivity")
            .ToList();

        commands.Should().NotBeEmpty();
        foreach (var words in commands)
        {
            var parsed = PolicyCtl.Build(TextWriter.Null).Parse(words);
            parsed.Errors.Select(e => e.Message).Should().BeEmpty($"'policyctl {string.Join(' ', words)}' in {document} is a valid command");
        }
    }

    // Lines that hold commands: all of a pipeline file, the fenced code blocks of a Markdown file.
    private static IEnumerable<string> CommandLines(string document)
    {
        var lines = File.ReadLines(RepositoryPaths.InRepository(document));
        if (!document.EndsWith(".md", StringComparison.Ordinal))
        {
            return lines;
        }

        var inCode = false;
        return lines.Where(line =>
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                return false;
            }

            return inCode;
        }).ToList();
    }

    // The command's words up to a shell operator or a comment.
    private static List<string> Words(string text) => text
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .TakeWhile(w => w is not ("|" or "||" or "&&" or ";" or "#" or "2>&1") && !w.StartsWith('>'))
        .ToList();

    private static Dictionary<object, object> Load(string path) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(path));

    private static Dictionary<object, object> Map(object node) => (Dictionary<object, object>)node;

    private static List<object> List(object node) => (List<object>)node;
}

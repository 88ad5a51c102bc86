using PolicyOperator.Engine.Reporting;

namespace PolicyOperator.Cli.Reporting;

/// <summary>Answers the asked questions with the engine's reports and cuts every list to <c>--top</c>.</summary>
internal static class ReportBuilder
{
    public static ReportDocument Build(ReportInput input, IReadOnlyList<ReportQuestion> questions, TrafficTarget? target, QueryDirection direction, int top)
    {
        var document = new ReportDocument();
        foreach (var question in questions)
        {
            document = question switch
            {
                ReportQuestion.Dns => document with { DnsHotspots = Top(DnsHotspotReport.Build(input), top) },
                ReportQuestion.Names => document with { NameScopes = [.. NameScopeReport.Build(input).Take(top)] },
                ReportQuestion.External => document with { ExternalEndpoints = [.. ExternalEndpointReport.Build(input).Take(top).Select(w => w with { Endpoints = [.. w.Endpoints.Take(top)] })] },
                ReportQuestion.Talks when target is not null => document with { TalksTo = Top(TalksToQuery.Run(input, target, direction), top) },
                ReportQuestion.CrossNamespace => document with { CrossNamespace = [.. CrossNamespaceReport.Build(input).Take(top)] },
                ReportQuestion.CrossCluster => document with { CrossCluster = CrossClusterReport.Build(input) is var cc ? cc with { Flows = [.. cc.Flows.Take(top)] } : null },
                ReportQuestion.Hairpin => document with { Hairpins = [.. HairpinReport.Build(input).Take(top)] },
                ReportQuestion.Fqdn => document with { FqdnEgress = FqdnEgressReport.Build(input) },
                _ => document,
            };
        }

        return document;
    }

    private static DnsHotspots Top(DnsHotspots dns, int top) => dns with
    {
        Sources = [.. dns.Sources.GroupBy(s => s.Source.Level).SelectMany(g => g.Take(top))],
        Names = [.. dns.Names.Take(top).Select(n => n with { BySource = [.. n.BySource.Take(top)] })],
        Failures = [.. dns.Failures.Take(top)],
    };

    private static TalksToResult Top(TalksToResult result, int top) => result with
    {
        Connections = [.. result.Connections.Take(top)],
        Questions = [.. result.Questions.Take(top)],
    };
}

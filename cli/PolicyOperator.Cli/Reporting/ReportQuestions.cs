namespace PolicyOperator.Cli.Reporting;

/// <summary>The command-line names of the <see cref="ReportQuestion"/>s.</summary>
internal static class ReportQuestions
{
    public static readonly IReadOnlyDictionary<string, ReportQuestion> ByName = new Dictionary<string, ReportQuestion>(StringComparer.Ordinal)
    {
        ["all"] = ReportQuestion.All,
        ["dns"] = ReportQuestion.Dns,
        ["names"] = ReportQuestion.Names,
        ["external"] = ReportQuestion.External,
        ["talks"] = ReportQuestion.Talks,
        ["cross-namespace"] = ReportQuestion.CrossNamespace,
        ["cross-cluster"] = ReportQuestion.CrossCluster,
        ["hairpin"] = ReportQuestion.Hairpin,
        ["fqdn"] = ReportQuestion.Fqdn,
        ["metrics"] = ReportQuestion.Metrics,
    };

    /// <summary>The questions <c>all</c> answers (the talks-to question needs a target, metrics are another format).</summary>
    public static readonly IReadOnlyList<ReportQuestion> Everything =
        [ReportQuestion.Dns, ReportQuestion.Names, ReportQuestion.External, ReportQuestion.CrossNamespace, ReportQuestion.CrossCluster, ReportQuestion.Hairpin, ReportQuestion.Fqdn];
}

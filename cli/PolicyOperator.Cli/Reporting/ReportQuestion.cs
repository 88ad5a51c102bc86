namespace PolicyOperator.Cli.Reporting;

/// <summary>The questions <c>policyctl report</c> answers; the argument names are in <see cref="ReportQuestions"/>.</summary>
internal enum ReportQuestion
{
    All,
    Dns,
    Names,
    External,
    Talks,
    CrossNamespace,
    CrossCluster,
    Hairpin,
    Fqdn,
    Metrics,
}

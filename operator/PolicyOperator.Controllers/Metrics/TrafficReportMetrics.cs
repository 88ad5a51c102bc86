using System.Text;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Inventory;
using PolicyOperator.Engine.Reporting;
using PolicyOperator.Engine.Reporting.Metrics;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Metrics;

namespace PolicyOperator.Controllers.Metrics;

/// <summary>
/// The traffic report's per-workload figures (DNS queries and failures, outside endpoints and connections;
/// see docs/report.md) on the operator's <c>/metrics</c>, the same families <c>policyctl report metrics</c>
/// prints. Computed from the ObservedTraffic cache at scrape time, again only after the cache changed.
/// </summary>
public sealed class TrafficReportMetrics(SharedInformer<ObservedTraffic> traffic, InventorySnapshot inventory) : IMetricFamily
{
    private readonly Lock _lock = new();
    private string? _version;
    private string _text = string.Empty;

    /// <summary>The registry orders families by name; the report's all start with <c>policyoperator_</c>.</summary>
    public string Name => "policyoperator_dns_queries_total";

    public void WriteTo(StringBuilder output)
    {
        lock (_lock)
        {
            if (!traffic.HasSynced)
            {
                return;
            }

            if (_version != traffic.ResourceVersion || _version is null)
            {
                var input = new ReportInput(traffic.Cache.List(), inventory.HasSynced ? inventory.Current().Index : null);
                _text = PrometheusTextWriter.Write(ReportMetrics.From(DnsHotspotReport.Build(input), ExternalEndpointReport.Build(input)));
                _version = traffic.ResourceVersion;
            }

            output.Append(_text);
        }
    }
}

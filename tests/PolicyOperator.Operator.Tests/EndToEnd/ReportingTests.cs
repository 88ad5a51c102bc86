using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Status;
using PolicyOperator.Operator.Tests.Support;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Operator.Tests.EndToEnd;

/// <summary>What the operator reports besides proposals: the cross-namespace report in status, the traffic report's figures and its own on /metrics.</summary>
public sealed class ReportingTests
{
    [Fact]
    public async Task Cross_namespace_traffic_is_reported_in_status_flagged_where_environments_differ_and_report_figures_are_metrics()
    {
        await using var cluster = await OperatorCluster.StartAsync("ops");
        foreach (var (name, environment) in new[] { ("shop", "prod"), ("payments", "dev") })
        {
            await cluster.Client.Namespaces.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["environment"] = environment } } }, CancellationToken.None);
        }

        var cart = Traffic.Observed("cart-n1", Traffic.Deployment("shop", "cart"), "n1", egress: [Traffic.To(Traffic.Deployment("payments", "pay"), 9090)]) is var t
            ? t with { Spec = t.Spec with { DnsQueries = [new DnsQueryRecord { Name = "pay.payments.svc.cluster.local", QueryType = "A", Queries = 7, Responses = new Dictionary<string, long> { ["NOERROR"] = 6, ["SERVFAIL"] = 1 } }] } }
            : null!;
        await cluster.AddAsync(cart);
        await using var replica = await cluster.StartReplicaAsync();

        var proposal = await cluster.ProposalWhereAsync("cart-deployment", p => p.Status?.Conditions.Any(c => c.Type == ProposalConditions.CrossNamespaceTraffic) == true, "cross-namespace report written");
        var condition = proposal.Status!.Conditions.Single(c => c.Type == ProposalConditions.CrossNamespaceTraffic);
        condition.Status.Should().Be("True");
        condition.Reason.Should().Be(ProposalConditions.EnvironmentMismatch);
        condition.Message.Should().Contain("! shop/cart -> payments/pay 9090/TCP").And.Contain("prod -> dev");
        var pay = await cluster.ProposalWhereAsync("pay-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "a proposal from cart's report", "payments");
        pay.Status!.Conditions.Should().Contain(c => c.Type == ProposalConditions.PeerObservationsOnly && c.Status == "True", "pay has no traffic of its own");

        var metrics = await Eventually.ValueAsync(() => replica.Http.GetStringAsync("/metrics"), m => m.Contains("policyoperator_proposals{phase=\"Proposed\"} 2", StringComparison.Ordinal), "both proposals are counted");
        metrics.Should().Contain("policyoperator_dns_queries_total{cluster=\"\",namespace=\"shop\",workload=\"cart\"} 7")
            .And.Contain("policyoperator_dns_query_failures_total{cluster=\"\",namespace=\"shop\",workload=\"cart\",rcode=\"SERVFAIL\"} 1")
            .And.Contain("policyoperator_proposal_revisions_total 2")
            .And.Contain("controller_reconcile_total{controller=\"networkpolicyproposals\",result=\"requeue_after\"}");
    }
}

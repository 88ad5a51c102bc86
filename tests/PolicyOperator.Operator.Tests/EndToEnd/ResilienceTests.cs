using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Operator.Tests.Support;
using PolicyOperator.Runtime.Hosting;
using PolicyOperator.Runtime.LeaderElection;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Operator.Tests.EndToEnd;

/// <summary>Faults of the API server (500s, conflicts, dropped watches, compaction, an outage) and replicas coming and going: the operator converges.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task Injected_500s_conflicts_dropped_watches_and_an_outage_still_converge_to_the_applied_policy()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await using var replica = await cluster.StartReplicaAsync();
        await cluster.ProposalWhereAsync("web-deployment", p => p.Status?.Phase is not null, "first proposal");

        cluster.Server.Faults.FailNext(4, 500, pathContains: "networkpolicyproposals");
        cluster.Server.Faults.FailNext(3, 409, pathContains: "networkpolicyproposals", method: "PUT");
        await cluster.AddAsync(api);
        cluster.Server.Faults.DropWatches(abortConnections: true);
        cluster.Server.Faults.Compact();
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed despite failures");

        cluster.Server.Faults.StartOutage(TimeSpan.FromSeconds(3));
        await Eventually.TrueAsync(() => !cluster.Server.Faults.InOutage, "the outage ends");
        await cluster.ApproveByAnnotationAsync("api-deployment");

        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied, "applied after the faults");
        (await cluster.PolicyAsync("api-deployment")).Should().NotBeNull();
        cluster.Server.Faults.InjectedFailures.Should().BeGreaterThan(7, "the faults did hit the operator");
        replica.Services.GetRequiredService<OperatorHealth>().IsLive.Should().BeTrue();
    }

    [Fact]
    public async Task Of_two_replicas_one_leads_and_the_other_takes_over_when_it_stops()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        LeaderElectionOptions Election(string identity) => new()
        {
            LeaseName = "policy-operator",
            LeaseNamespace = "policy-system",
            Identity = identity,
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(300),
        };
        var first = await OperatorReplica.StartAsync(cluster.Connect, OperatorCluster.Options() with { Identity = "a" }, leaderElection: Election("a"));
        await using var second = await OperatorReplica.StartAsync(cluster.Connect, OperatorCluster.Options() with { Identity = "b" }, leaderElection: Election("b"));
        try
        {
            await Eventually.TrueAsync(() => first.Elector!.IsLeader || second.Elector!.IsLeader, "a leader is elected");
            var (leader, standby) = first.Elector!.IsLeader ? (first, second) : (second, first);
            standby.Elector!.IsLeader.Should().BeFalse("only one replica leads");
            var (web, api) = Traffic.WebCallsApi();
            await cluster.AddAsync(web);
            await cluster.ProposalWhereAsync("web-deployment", p => p.Status?.Phase is not null, "the leader reconciles");

            await leader.StopAsync();
            await Eventually.TrueAsync(() => standby.Elector!.IsLeader, "the standby takes over");
            await cluster.AddAsync(api);
            await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase is not null, "the new leader reconciles");
            (await standby.Http.GetAsync("/readyz")).IsSuccessStatusCode.Should().BeTrue();
        }
        finally
        {
            await first.DisposeAsync();
        }
    }
}

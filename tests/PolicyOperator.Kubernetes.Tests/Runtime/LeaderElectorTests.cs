using FluentAssertions;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Tests.Client;
using PolicyOperator.Runtime.LeaderElection;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

public sealed class LeaderElectorTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private InMemoryApiServer _server = null!;
    private readonly List<KubernetesClient> _clients = [];

    public async Task InitializeAsync() => _server = await InMemoryApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        _clients.ForEach(client => client.Dispose());
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task With_two_replicas_exactly_one_leads_and_when_it_is_stopped_the_other_takes_over_within_the_lease_duration()
    {
        var a = Replica("replica-a", options: LongLease);
        var b = Replica("replica-b", options: LongLease);
        await Eventually.TrueAsync(() => a.Leading || b.Leading, "one replica is elected", Wait);

        var bothLed = false;
        for (var sample = 0; sample < 50; sample++)
        {
            bothLed |= a.Leading && b.Leading;
            await Task.Delay(20);
        }

        bothLed.Should().BeFalse();
        (a.Leading ^ b.Leading).Should().BeTrue("exactly one replica leads");
        var (leader, standby) = a.Leading ? (a, b) : (b, a);
        standby.Elector.ObservedLeader.Should().Be(leader.Elector.Identity);

        await leader.StopAsync();

        // The lease is far longer than the wait: a takeover inside the wait proves the lease was released, not expired.
        await Eventually.TrueAsync(() => standby.Leading, "the standby takes over before the lease could expire", Wait);
        leader.Leading.Should().BeFalse();
        var lease = _server.Get("leases", "policy-system", "policy-operator")!;
        lease["spec"]!["holderIdentity"]!.GetValue<string>().Should().Be(standby.Elector.Identity);
        lease["spec"]!["leaseTransitions"]!.GetValue<int>().Should().Be(1);
        lease["spec"]!["renewTime"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", "the API server only accepts MicroTime");
        await standby.StopAsync();
    }

    [Fact]
    public async Task A_leader_that_dies_without_releasing_is_replaced_once_its_lease_expires()
    {
        var a = Replica("replica-a", release: false);
        await Eventually.TrueAsync(() => a.Leading, "the first replica leads", Wait);
        var b = Replica("replica-b");
        await Task.Delay(300);
        b.Leading.Should().BeFalse("the lease is held and renewed");

        await a.StopAsync();
        var afterStop = _server.Get("leases", "policy-system", "policy-operator")!;
        afterStop["spec"]!["holderIdentity"]!.GetValue<string>().Should().Be("replica-a", "a replica that dies does not release: the standby must wait for expiry");

        await Eventually.TrueAsync(() => b.Leading, "the standby takes over after expiry", Wait);
        var lease = _server.Get("leases", "policy-system", "policy-operator")!;
        lease["spec"]!["holderIdentity"]!.GetValue<string>().Should().Be("replica-b");
        lease["spec"]!["leaseTransitions"]!.GetValue<int>().Should().Be(1);
        await b.StopAsync();
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_within_the_deadline_steps_down()
    {
        var a = Replica("replica-a");
        await Eventually.TrueAsync(() => a.Leading, "the replica leads", Wait);

        _server.BeginOutage();

        (await a.Run.WaitAsync(Wait)).Should().BeTrue("RunAsync reports that leadership was lost");
        a.Leading.Should().BeFalse();
        a.WorkCancelled.Should().BeTrue("the leader's work is stopped before it returns");
        _server.EndOutage();
    }

    [Theory]
    [InlineData(10, 10, 2)]
    [InlineData(15, 10, 10)]
    [InlineData(15, 10, 0)]
    public void Inconsistent_timings_are_refused(int lease, int renew, int retry)
    {
        var create = () => new LeaderElector(
            _server.CreateClient().Leases,
            Options("x") with { LeaseDuration = TimeSpan.FromSeconds(lease), RenewDeadline = TimeSpan.FromSeconds(renew), RetryPeriod = TimeSpan.FromSeconds(retry) });

        create.Should().Throw<ArgumentException>().WithMessage("*leaseDuration*renewDeadline*retryPeriod*");
    }

    private static LeaderElectionOptions Options(string identity) => new()
    {
        LeaseName = "policy-operator",
        LeaseNamespace = "policy-system",
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromSeconds(1.5),
        RetryPeriod = TimeSpan.FromMilliseconds(250),
    };

    private static LeaderElectionOptions LongLease(LeaderElectionOptions options) =>
        options with { LeaseDuration = TimeSpan.FromSeconds(60), RenewDeadline = TimeSpan.FromSeconds(40) };

    private ReplicaUnderTest Replica(string identity, bool release = true, Func<LeaderElectionOptions, LeaderElectionOptions>? options = null)
    {
        var client = _server.CreateClient(ScriptedApiServer.FastOptions(r => r with { MaxRetryAttempts = 0, AttemptTimeout = TimeSpan.FromMilliseconds(500) }));
        _clients.Add(client);
        var elector = new LeaderElector(client.Leases, (options ?? (o => o))(Options(identity)) with { ReleaseOnCancel = release });
        return new ReplicaUnderTest(elector);
    }

    private sealed class ReplicaUnderTest
    {
        private readonly CancellationTokenSource _stop = new();
        private volatile bool _leading;

        public ReplicaUnderTest(LeaderElector elector)
        {
            Elector = elector;
            Run = elector.RunAsync(LeadAsync, _stop.Token);
        }

        public LeaderElector Elector { get; }

        public Task<bool> Run { get; }

        public bool Leading => _leading;

        public bool WorkCancelled { get; private set; }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Run.WaitAsync(Wait);
        }

        private async Task LeadAsync(CancellationToken cancellationToken)
        {
            _leading = true;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                WorkCancelled = cancellationToken.IsCancellationRequested;
                _leading = false;
            }
        }
    }
}

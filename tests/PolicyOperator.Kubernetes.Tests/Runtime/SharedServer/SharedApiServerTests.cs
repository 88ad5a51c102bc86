using FluentAssertions;
using PolicyOperator.Api.Coordination;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.Kubernetes.Errors;
using PolicyOperator.Kubernetes.Resilience;
using PolicyOperator.Kubernetes.Tests.Client;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.LeaderElection;
using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime.SharedServer;

/// <summary>
/// The client and the runtime against the shared test API server (HTTPS, its own kubeconfig, its fault
/// injection), rather than the tests' own small servers.
/// </summary>
public sealed class SharedApiServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly string _directory = Directory.CreateTempSubdirectory("shared-apiserver-").FullName;
    private readonly List<KubernetesClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private TestApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestApiServer.StartAsync(new TestApiServerOptions { UseHttps = true, BookmarkInterval = TimeSpan.FromMilliseconds(200) });

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _clients.ForEach(client => client.Dispose());
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_client_configured_from_the_servers_kubeconfig_creates_reads_patches_applies_and_deletes()
    {
        var leases = Client().Leases;

        var created = await leases.CreateAsync(NewLease("lock", "a"), CancellationToken.None);
        var patched = await leases.PatchAsync("lock", "default", """{"metadata":{"labels":{"team":"net"}}}""", CancellationToken.None);
        var applied = await leases.ApplyAsync(NewLease("lock", "b"), new ApplyOptions("policy-operator", Force: true), CancellationToken.None);
        var listed = await leases.ListAllAsync("default", new ListOptions { LabelSelector = "team=net", Limit = 1 }, CancellationToken.None);
        await leases.DeleteAsync("lock", "default", CancellationToken.None);

        created.Metadata.ResourceVersion.Should().NotBeNullOrEmpty();
        patched.Metadata.Labels.Should().Contain("team", "net");
        applied.Spec.HolderIdentity.Should().Be("b");
        listed.Items.Should().ContainSingle().Which.Metadata.Name.Should().Be("lock");
        (await leases.FindAsync("lock", "default", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task The_servers_refusals_become_typed_errors_with_its_message()
    {
        var leases = Client().Leases;
        var lease = await leases.CreateAsync(NewLease("lock", "a"), CancellationToken.None);
        await leases.UpdateAsync(lease with { Spec = lease.Spec with { HolderIdentity = "b" } }, CancellationToken.None);

        var stale = () => leases.UpdateAsync(lease with { Spec = lease.Spec with { HolderIdentity = "c" } }, CancellationToken.None);
        var duplicate = () => leases.CreateAsync(NewLease("lock", "d"), CancellationToken.None);
        var missing = () => leases.GetAsync("absent", "default", CancellationToken.None);

        (await stale.Should().ThrowAsync<ConflictException>()).Which.Status.Message.Should().NotBeNullOrEmpty();
        await duplicate.Should().ThrowAsync<AlreadyExistsException>();
        (await missing.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Contain("absent");
    }

    [Fact]
    public async Task Throttling_with_Retry_After_and_injected_5xx_are_retried_through()
    {
        var leases = Client().Leases;
        _server.Faults.ThrottleNext(1, TimeSpan.FromSeconds(1));
        _server.Faults.FailNext(2, 503);

        var created = await leases.CreateAsync(NewLease("lock", "a"), CancellationToken.None);

        created.Metadata.Name.Should().Be("lock");
        _server.Faults.InjectedFailures.Should().Be(3);
    }

    [Fact]
    public async Task An_informer_loses_no_update_when_its_watch_is_dropped_or_its_history_compacted()
    {
        var informer = new SharedInformer<Lease>("leases", new ResourceListWatch<Lease>(Client().Leases, "default"), FastBackoff);
        _ = informer.RunAsync(_stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Wait);
        var writer = Client().Leases;

        for (var i = 0; i < 30; i++)
        {
            await writer.CreateAsync(NewLease($"l{i}", $"h{i}"), CancellationToken.None);
            if (i % 10 == 3)
            {
                _server.Faults.DropWatches(abortConnections: true);
            }
        }

        await Eventually.TrueAsync(() => informer.Cache.Count == 30, "all 30 leases reach the cache", Wait);
        informer.Cache.List().Select(l => l.Spec.HolderIdentity).Should().BeEquivalentTo(Enumerable.Range(0, 30).Select(i => $"h{i}"));

        // Compaction, then a cut: whether its version expired (relist) or not (resume), the cache catches up, deletions included.
        await writer.DeleteAsync("l0", "default", CancellationToken.None);
        _server.Faults.Compact();
        _server.Faults.DropWatches(abortConnections: true);
        await writer.CreateAsync(NewLease("late", "h"), CancellationToken.None);

        await Eventually.TrueAsync(
            () => informer.Cache.Count == 30 && informer.Cache.Get(new ObjectKey("default", "l0")) is null && informer.Cache.Get(new ObjectKey("default", "late")) is not null, "the informer catches up after compaction", Wait);
    }

    [Fact]
    public async Task Concurrent_writers_converge_through_retry_on_conflict()
    {
        await Client().Leases.CreateAsync(NewLease("counter", "x") with { Spec = new LeaseSpec { HolderIdentity = "x", LeaseTransitions = 0 } }, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Client().Leases).Select(leases => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await RetryOnConflict.ExecuteAsync(
                    async token =>
                    {
                        var current = await leases.GetAsync("counter", "default", token);
                        return await leases.UpdateAsync(current with { Spec = current.Spec with { LeaseTransitions = current.Spec.LeaseTransitions + 1 } }, token);
                    },
                    CancellationToken.None,
                    attempts: 100);
            }
        })));

        (await Client().Leases.GetAsync("counter", "default", CancellationToken.None)).Spec.LeaseTransitions.Should().Be(40);
    }

    [Fact]
    public async Task An_outage_is_survived_and_the_informer_resumes()
    {
        var informer = new SharedInformer<Lease>("leases", new ResourceListWatch<Lease>(Client().Leases, "default"), FastBackoff);
        var run = informer.RunAsync(_stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Wait);

        _server.Faults.StartOutage(TimeSpan.FromSeconds(3));
        await Eventually.TrueAsync(() => !_server.Faults.InOutage, "the outage ends", Wait);
        await Client().Leases.CreateAsync(NewLease("after", "h"), CancellationToken.None);

        await Eventually.TrueAsync(() => informer.Cache.Get(new ObjectKey("default", "after")) is not null, "the change after the outage arrives", Wait);
        run.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Of_two_electors_exactly_one_leads_and_the_other_takes_over_within_the_lease_duration()
    {
        var options = new LeaderElectionOptions
        {
            LeaseName = "policy-operator",
            LeaseNamespace = "default",
            Identity = "unset",
            // Far longer than the wait below: a takeover inside the wait proves the lease was released, not expired.
            LeaseDuration = TimeSpan.FromSeconds(60),
            RenewDeadline = TimeSpan.FromSeconds(40),
            RetryPeriod = TimeSpan.FromMilliseconds(250),
        };
        var a = new LeaderElector(Client().Leases, options with { Identity = "a" });
        var b = new LeaderElector(Client().Leases, options with { Identity = "b" });
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(token => Task.Delay(Timeout.Infinite, token), stopA.Token);
        var runB = b.RunAsync(token => Task.Delay(Timeout.Infinite, token), stopB.Token);
        await Eventually.TrueAsync(() => a.IsLeader || b.IsLeader, "one is elected", Wait);
        await Task.Delay(500);
        (a.IsLeader ^ b.IsLeader).Should().BeTrue("exactly one leads");

        var (leader, standby, stopLeader, leaderRun) = a.IsLeader ? (a, b, stopA, runA) : (b, a, stopB, runB);
        await stopLeader.CancelAsync();
        await leaderRun.WaitAsync(Wait);
        await Eventually.TrueAsync(() => standby.IsLeader, "the standby takes over before the lease could expire", Wait);

        leader.IsLeader.Should().BeFalse();
        await (a == standby ? stopA : stopB).CancelAsync();
    }

    private static readonly InformerOptions FastBackoff = new() { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500) };

    private KubernetesClient Client()
    {
        var kubeconfig = _server.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"));
        var client = new KubernetesClient(KubeConfigLoader.Load(kubeconfig), ScriptedApiServer.FastOptions());
        _clients.Add(client);
        return client;
    }

    private static Lease NewLease(string name, string holder) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = 15 },
    };
}

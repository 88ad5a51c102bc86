using FluentAssertions;
using PolicyOperator.Agent.Tests.Dns;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.Kubernetes.Errors;
using PolicyOperator.Observation.Recording;
using PolicyOperator.Observation.Reporting;
using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Agent.Tests.Observation;

public sealed class ObservationWindowTests
{
    private static readonly ObservationWindowSchedule Hourly = new(TimeSpan.FromHours(1));

    [Fact]
    public void Windows_are_aligned_to_the_epoch_so_that_a_restarted_agent_is_in_the_same_window()
    {
        Hourly.StartOf(new DateTimeOffset(2026, 1, 1, 13, 59, 59, TimeSpan.Zero)).Should().Be(new DateTimeOffset(2026, 1, 1, 13, 0, 0, TimeSpan.Zero));
        Hourly.StartOf(new DateTimeOffset(2026, 1, 1, 14, 0, 0, TimeSpan.Zero)).Should().Be(new DateTimeOffset(2026, 1, 1, 14, 0, 0, TimeSpan.Zero));
        new ObservationWindowSchedule(TimeSpan.FromMinutes(20)).StartOf(new DateTimeOffset(2026, 1, 1, 13, 45, 0, TimeSpan.FromHours(2)))
            .Should().Be(new DateTimeOffset(2026, 1, 1, 11, 40, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Entries_not_seen_for_a_whole_window_age_out_and_the_window_is_recorded()
    {
        var clock = new ManualClock();
        var recorder = new TrafficRecorder(TrafficLimits.Default, clock, Hourly);
        var db = TrafficSamples.ToWorkload("db", 5432);
        var cache = TrafficSamples.ToWorkload("cache", 6379);

        var first = recorder.Record([db, cache]).Should().ContainSingle().Subject;
        first.Spec.Egress.Should().HaveCount(2);
        first.Spec.Window.Start.Should().Be(TrafficSamples.Start.AddHours(-1), "an object covers the previous window and the current one");
        first.Spec.Window.End.Should().Be(TrafficSamples.Start.AddSeconds(1));

        clock.Advance(TimeSpan.FromMinutes(70));
        var seenAgain = db with { Counts = db.Counts! with { LastSeen = clock.GetUtcNow() } };
        recorder.Record([seenAgain, cache]).Should().ContainSingle().Which.Spec.Egress.Should().HaveCount(2, "a new window does not empty the object at once");

        clock.Advance(TimeSpan.FromHours(1));
        var third = recorder.Record([seenAgain, cache]).Should().ContainSingle().Subject;

        third.Spec.Egress.Should().ContainSingle().Which.Port.Should().Be(5432, "the cache was not seen for a whole window");
        third.Spec.Window.Start.Should().Be(TrafficSamples.Start.AddHours(1));
        third.Spec.Window.End.Should().Be(TrafficSamples.Start.AddMinutes(70));

        clock.Advance(TimeSpan.FromHours(1));
        recorder.Record([seenAgain, cache]).Should().BeEmpty("nothing of this workload was seen for a whole window");
    }

    [Fact]
    public async Task The_agent_deletes_its_own_objects_whose_workload_saw_nothing_in_the_window_and_those_an_earlier_run_left()
    {
        await using var server = await TestApiServer.StartAsync(new TestApiServerOptions { Manifests = [RepositoryPaths.InRepository("crds")] });
        var directory = Directory.CreateTempSubdirectory("window-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        using var client = new KubernetesClient(KubeConfigLoader.Load(kubeconfig));
        Directory.Delete(directory, recursive: true);
        await client.Namespaces.CreateAsync(new Api.Core.Namespace { Metadata = new ObjectMeta { Name = "shop" } }, CancellationToken.None);
        var clock = new ManualClock();
        var recorder = new TrafficRecorder(TrafficLimits.Default, clock, Hourly);
        var web = TrafficSamples.ToWorkload("db", 5432);
        var api = web with { Workload = TrafficSamples.Workload("api") };
        var otherNode = web with { Node = "node-2" };
        await new ApiServerSink(client.ObservedTraffics, clock, "node-2").WriteAsync(recorder.Record([otherNode]), CancellationToken.None);
        var sink = new ApiServerSink(client.ObservedTraffics, clock, "node-1");
        await sink.WriteAsync(recorder.Record([web, api]), CancellationToken.None);
        (await Names(client)).Should().Equal("api-deployment-node-1", "web-deployment-node-1", "web-deployment-node-2");

        clock.Advance(TimeSpan.FromHours(1));
        var webAgain = web with { Counts = web.Counts! with { LastSeen = clock.GetUtcNow() } };
        await sink.WriteAsync(recorder.Record([webAgain, api, otherNode]), CancellationToken.None);
        sink.Deletes.Should().Be(0, "api was seen in the previous window");
        (await Names(client)).Should().HaveCount(3);

        clock.Advance(TimeSpan.FromHours(1));
        await sink.WriteAsync(recorder.Record([webAgain, api, otherNode]), CancellationToken.None);

        sink.Deletes.Should().Be(1);
        (await Names(client)).Should().Equal(["web-deployment-node-1", "web-deployment-node-2"], "api saw nothing for a whole window; node-2's object is not this agent's");
        var stored = await client.ObservedTraffics.GetAsync("web-deployment-node-1", "shop", CancellationToken.None);
        stored.Spec.Window.Start.Should().Be(TrafficSamples.Start.AddHours(1));

        await sink.WriteAsync(recorder.Record([webAgain, api]), CancellationToken.None);
        sink.Deletes.Should().Be(1, "a deleted object is not deleted again");

        // A restarted agent: the object the earlier run wrote is deleted once a round no longer has it.
        clock.Advance(TimeSpan.FromHours(2));
        var restarted = new ApiServerSink(client.ObservedTraffics, clock, "node-1");
        await restarted.WriteAsync(recorder.Record([webAgain]), CancellationToken.None);

        restarted.Deletes.Should().Be(1);
        (await Names(client)).Should().Equal("web-deployment-node-2");
        var gone = () => client.ObservedTraffics.GetAsync("web-deployment-node-1", "shop", CancellationToken.None);
        await gone.Should().ThrowAsync<NotFoundException>();
    }

    private static async Task<List<string>> Names(KubernetesClient client) =>
        [.. (await client.ObservedTraffics.ListAllAsync(null, null, CancellationToken.None)).Items.Select(i => i.Metadata.Name!).Order(StringComparer.Ordinal)];
}

using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.Observation.Recording;
using PolicyOperator.Observation.Reporting;
using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Agent.Tests.Observation;

public sealed class SinkTests
{
    [Fact]
    public async Task The_api_server_sink_applies_changed_objects_with_their_status_and_skips_unchanged_ones()
    {
        await using var server = await TestApiServer.StartAsync(new TestApiServerOptions { Manifests = [RepositoryPaths.InRepository("crds")] });
        var directory = Directory.CreateTempSubdirectory("sink-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        using var client = new KubernetesClient(KubeConfigLoader.Load(kubeconfig));
        Directory.Delete(directory, recursive: true);
        await client.Namespaces.CreateAsync(new Api.Core.Namespace { Metadata = new Api.Meta.ObjectMeta { Name = "shop" } }, CancellationToken.None);
        var sink = new ApiServerSink(client.ObservedTraffics);
        var recorder = new TrafficRecorder(TrafficLimits.Default);
        var first = recorder.Record([TrafficSamples.ToWorkload("db", 5432)]);

        await sink.WriteAsync(first, CancellationToken.None);
        await sink.WriteAsync(recorder.Record([TrafficSamples.ToWorkload("db", 5432)]), CancellationToken.None);

        sink.Writes.Should().Be(2, "one apply and one status patch; the second round had nothing new");
        sink.Unchanged.Should().Be(1);
        var stored = await client.ObservedTraffics.GetAsync("web-deployment-node-1", "shop", CancellationToken.None);
        stored.Spec.Egress.Should().ContainSingle().Which.Port.Should().Be(5432);
        stored.Status!.LastReportTime.Should().NotBeNull();
        stored.Metadata.Labels.Should().Contain(TrafficRecorder.WorkloadLabel, "web");

        await sink.WriteAsync(recorder.Record([TrafficSamples.ToWorkload("db", 5432), TrafficSamples.ToWorkload("cache", 6379)]), CancellationToken.None);

        sink.Writes.Should().Be(4);
        (await client.ObservedTraffics.GetAsync("web-deployment-node-1", "shop", CancellationToken.None)).Spec.Egress.Should().HaveCount(2);
    }

    [Fact]
    public async Task What_the_file_sink_writes_is_read_back_as_ObservedTraffic_and_generate_makes_a_policy_of_it()
    {
        var directory = Directory.CreateTempSubdirectory("sink-").FullName;
        try
        {
            var file = Path.Combine(directory, "traffic.yaml");
            var written = new TrafficRecorder(TrafficLimits.Default).Record([TrafficSamples.ToWorkload("db", 5432), TrafficSamples.ToWorkload("cache", 6379)]);

            await new FileSink(file).WriteAsync(written, CancellationToken.None);
            await new FileSink(directory + "/by-object/").WriteAsync(written, CancellationToken.None);

            var read = await new TrafficReader().ReadAsync([file], CancellationToken.None);
            read.Traffic.Should().BeEquivalentTo(written);
            File.Exists(Path.Combine(directory, "by-object", "shop", "web-deployment-node-1.yaml")).Should().BeTrue();
            var policies = new PolicySynthesizer(new SynthesisOptions()).Synthesize(read.Traffic, ClusterInventory.Empty).Policies;
            var egress = policies.Should().ContainSingle().Subject.Policy.Spec.Egress!;
            egress.SelectMany(r => r.Ports ?? []).Select(p => p.Port?.Number).Should().Contain([5432, 6379]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_directory_sink_removes_the_files_of_objects_no_longer_seen_also_those_an_earlier_run_on_its_node_left()
    {
        var directory = Directory.CreateTempSubdirectory("sink-").FullName + "/";
        try
        {
            var web = new TrafficRecorder(TrafficLimits.Default).Record([TrafficSamples.ToWorkload("db", 5432)]).Single();
            var api = web with { Metadata = web.Metadata with { Name = "api-deployment-node-1" } };
            var elsewhere = web with
            {
                Metadata = web.Metadata with
                {
                    Name = "web-deployment-node-2",
                    Labels = new Dictionary<string, string>(web.Metadata.Labels!) { [TrafficRecorder.NodeLabel] = "node-2" },
                },
            };
            string FileOf(ObservedTraffic t) => Path.Combine(directory, t.Metadata.Namespace!, $"{t.Metadata.Name}.yaml");
            var unrelated = Path.Combine(directory, "shop", "notes.yaml");

            await new FileSink(directory).WriteAsync([web, api], CancellationToken.None); // an earlier run on node-1
            await new FileSink(directory).WriteAsync([elsewhere], CancellationToken.None); // node-2's agent
            await File.WriteAllTextAsync(unrelated, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n");

            var restarted = new FileSink(directory);
            await restarted.WriteAsync([web], CancellationToken.None);
            File.Exists(FileOf(web)).Should().BeTrue();
            File.Exists(FileOf(api)).Should().BeFalse("the earlier run on this node wrote it, and its workload is no longer seen");
            File.Exists(FileOf(elsewhere)).Should().BeTrue("another node's object is not this sink's");
            File.Exists(unrelated).Should().BeTrue("a file that is not an ObservedTraffic is never touched");

            await restarted.WriteAsync([], CancellationToken.None);
            File.Exists(FileOf(web)).Should().BeFalse("nothing is seen any more");
            File.Exists(FileOf(elsewhere)).Should().BeTrue();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

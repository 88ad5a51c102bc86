using FluentAssertions;
using PolicyOperator.Api.Coordination;
using PolicyOperator.Api.Events;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.Kubernetes.Tests.Client;
using PolicyOperator.Runtime.Events;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime.SharedServer;

public sealed class EventRecorderTests
{
    [Fact]
    public async Task An_event_about_an_object_is_written_with_its_reference_and_MicroTime()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Server = server.BaseAddress }, ScriptedApiServer.FastOptions());
        var lease = await client.Leases.CreateAsync(new Lease { Metadata = new ObjectMeta { Name = "lock", Namespace = "default" } }, CancellationToken.None);
        var recorder = new EventRecorder(client.Events, "policyoperator.io/operator", "replica-a");

        var recorded = await recorder.RecordAsync(lease, Event.NormalType, "LeaseChecked", "Check", "checked the lease", CancellationToken.None);

        recorded.Should().NotBeNull();
        var read = await client.Events.GetAsync(recorded!.Metadata.Name!, "default", CancellationToken.None);
        read.Regarding.Should().BeEquivalentTo(new EventObjectReference
        {
            ApiVersion = "coordination.k8s.io/v1",
            Kind = "Lease",
            Namespace = "default",
            Name = "lock",
            Uid = lease.Metadata.Uid,
            ResourceVersion = lease.Metadata.ResourceVersion,
        });
        read.Reason.Should().Be("LeaseChecked");
        read.ReportingInstance.Should().Be("replica-a");
        read.EventTime.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        server.Store.Get("events.events.k8s.io", "default", read.Metadata.Name!)!["eventTime"]!.GetValue<string>()
            .Should().MatchRegex(@"\.\d{6}Z$");
    }

    [Fact]
    public async Task A_failed_write_is_reported_as_null_not_thrown()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Server = server.BaseAddress }, ScriptedApiServer.FastOptions());
        var recorder = new EventRecorder(client.Events, "policyoperator.io/operator", "replica-a");
        var inMissingNamespace = new Lease { Metadata = new ObjectMeta { Name = "lock", Namespace = "no-such-namespace" } };

        var recorded = await recorder.RecordAsync(inMissingNamespace, Event.WarningType, "Failed", "Check", "x", CancellationToken.None);

        recorded.Should().BeNull();
    }
}

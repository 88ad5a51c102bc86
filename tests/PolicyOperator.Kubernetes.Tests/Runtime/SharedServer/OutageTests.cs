using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using PolicyOperator.Api.Coordination;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.Kubernetes.Tests.Client;
using PolicyOperator.Runtime.Hosting;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime.SharedServer;

/// <summary>The outage case on the shared test API server: a whole operator replica rides out a genuine 30 s outage.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task A_genuine_30_second_outage_of_the_shared_test_api_server_is_survived_and_work_resumes()
    {
        await using var server = await TestApiServer.StartAsync();
        KubernetesClient Connect() => new(new KubernetesClientConfiguration { Server = server.BaseAddress }, ScriptedApiServer.FastOptions());
        using var writer = Connect();
        var script = new ReconcileScript();
        await writer.Leases.CreateAsync(NewLease("before"), CancellationToken.None);
        // Production backoff caps at 30 s; 2 s here so that work resumes soon after the outage ends.
        await using var replica = await OperatorUnderTest.StartAsync<Lease>(
            Connect,
            ResourceDescriptor.Leases,
            script,
            informerOptions: new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(2) });
        await Eventually.TrueAsync(() => script.Count("before") == 1, "the first lease is reconciled", TimeSpan.FromSeconds(10));

        server.Faults.StartOutage(TimeSpan.FromSeconds(30));
        // A watch the server accepted just before the outage began can register after the outage dropped
        // the open ones (seen on a loaded machine): drop again once it is in, so the replica must retry.
        await Task.Delay(TimeSpan.FromSeconds(1));
        server.Faults.DropWatches();
        await Eventually.TrueAsync(() => !server.Faults.InOutage, "the outage ends", TimeSpan.FromSeconds(40));
        var failedDuringOutage = server.Faults.InjectedFailures;
        await writer.Leases.CreateAsync(NewLease("after"), CancellationToken.None);
        var before = await writer.Leases.GetAsync("before", "default", CancellationToken.None);
        await writer.Leases.UpdateAsync(before with { Spec = before.Spec with { HolderIdentity = "changed" } }, CancellationToken.None);

        await Eventually.TrueAsync(() => script.Count("after") == 1 && script.Count("before") == 2, "work resumes after the outage", TimeSpan.FromSeconds(15));
        failedDuringOutage.Should().BeGreaterThan(1, "the replica kept retrying during the outage");
        replica.Services.GetRequiredService<OperatorHealth>().IsLive.Should().BeTrue();
        replica.Stopping.Should().BeFalse();
    }

    private static Lease NewLease(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new LeaseSpec { HolderIdentity = "x" },
    };
}

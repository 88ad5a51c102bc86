using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using PolicyOperator.Api.Coordination;
using PolicyOperator.Api.Meta;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Reconciliation;

namespace PolicyOperator.Benchmarks.Runtime;

/// <summary>
/// The operator runtime under the load: an informer with 10,000 objects feeding a controller
/// (work queue, 2 workers, a DI scope and a no-op reconcile per key). <c>Sync</c> is the start-up list of
/// 10,000; <c>Updates</c> is 1,000 spec updates (1 s of the target rate) from watch event to finished
/// reconcile: its mean time against 1 s is the headroom, its allocations the memory per second of load.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class InformerQueueBenchmarks
{
    private const int Objects = 10_000;
    private const int UpdatesPerSecond = 1_000;
    private Lease[] _leases = [];
    private ServiceProvider _services = null!;
    private ReconcileCounter _counter = null!;
    private InMemoryListWatch<Lease> _source = null!;
    private CancellationTokenSource _stop = null!;
    private long _version;
    private int _cursor;

    [GlobalSetup]
    public void Setup()
    {
        _leases = [.. Enumerable.Range(0, Objects).Select(i => Lease(i, generation: 1, version: i + 1))];
        _version = Objects;
        _counter = new ReconcileCounter();
        _services = new ServiceCollection().AddSingleton(_counter).AddScoped<IReconciler<Lease>, CountingReconciler>().BuildServiceProvider();
        ReportFootprint();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [IterationSetup(Target = nameof(Updates))]
    public void StartSyncedController()
    {
        StartController();
        _counter.Expect(Objects).Wait();
    }

    [IterationSetup(Target = nameof(Sync))]
    public void Prepare() => _counter.Expect(0);

    [IterationCleanup]
    public void StopController()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    /// <summary>Start-up: list 10,000 objects into the cache and reconcile each once.</summary>
    [Benchmark]
    public Task Sync()
    {
        var done = _counter.Expect(Objects);
        StartController();
        return done;
    }

    /// <summary>One second's worth of the target load: 1,000 updates of distinct objects, each reconciled.</summary>
    [Benchmark(OperationsPerInvoke = UpdatesPerSecond)]
    public Task Updates()
    {
        var done = _counter.Expect(UpdatesPerSecond);
        for (var i = 0; i < UpdatesPerSecond; i++)
        {
            var index = _cursor++ % Objects;
            var updated = Lease(index, generation: _leases[index].Metadata.Generation!.Value + 1, version: ++_version);
            _leases[index] = updated;
            _source.Events.TryWrite(new WatchEvent<Lease>(WatchEventType.Modified, updated, updated.Metadata.ResourceVersion));
        }

        return done;
    }

    private void StartController()
    {
        _stop = new CancellationTokenSource();
        _source = new InMemoryListWatch<Lease>(_leases, _version.ToString(CultureInfo.InvariantCulture));
        var informer = new SharedInformer<Lease>("leases", _source);
        informer.Cache.AddIndex("holder", lease => lease.Spec.HolderIdentity is { } holder ? [holder] : []);
        var controller = new Controller<Lease>("leases", informer, _services.GetRequiredService<IServiceScopeFactory>(), new ControllerOptions { Workers = 2 });
        _ = informer.RunAsync(_stop.Token);
        _ = controller.RunAsync(_stop.Token);
    }

    /// <summary>Prints the heap the 10,000 objects and a synced informer cache (with two indexes) retain.</summary>
    private void ReportFootprint()
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var objects = Enumerable.Range(0, Objects).Select(i => Lease(i, generation: 1, version: i + 1)).ToArray();
        var withObjects = GC.GetTotalMemory(forceFullCollection: true);
        var cache = new InformerCache<Lease>();
        cache.AddIndex("holder", lease => lease.Spec.HolderIdentity is { } holder ? [holder] : []);
        foreach (var lease in objects)
        {
            cache.Upsert(lease);
        }

        var withCache = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// footprint: {Objects} objects {(withObjects - baseline) / 1024.0 / 1024.0:F1} MiB; cache with 2 indexes {(withCache - withObjects) / 1024.0 / 1024.0:F1} MiB ({(withCache - withObjects) / Objects} B/object)");
        GC.KeepAlive(cache);
    }

    private static Lease Lease(int index, long generation, long version) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = $"lease-{index}",
            Namespace = $"ns-{index % 50}",
            Generation = generation,
            ResourceVersion = version.ToString(CultureInfo.InvariantCulture),
            Labels = new Dictionary<string, string> { ["app"] = $"app-{index % 200}" },
        },
        Spec = new LeaseSpec { HolderIdentity = $"holder-{index % 10}", LeaseDurationSeconds = 15 },
    };
}

using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Proposals;
using PolicyOperator.Controllers.Traffic;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Queue;

namespace PolicyOperator.Controllers.Watches;

/// <summary>
/// A Service's selector, ports and endpoints decide the rules of the workloads that talk to it (the
/// target port, the selected pods, a selectorless Service's addresses) and of the workloads behind it:
/// when the Service or one of its EndpointSlices changes, the workloads whose traffic names the Service,
/// the workloads its selector picks, and the workloads that talk to those are reconciled at once.
/// </summary>
public sealed class ServiceEnqueuer(
    WorkQueue<ObjectKey> queue,
    SharedInformer<ObservedTraffic> traffic,
    SharedInformer<Service> services,
    SharedInformer<Pod> pods,
    PodEnqueuer podWorkloads) : IResourceEventHandler<Service>, IResourceEventHandler<EndpointSlice>
{
    public void OnAdded(Service value) => Enqueue(value);

    public void OnUpdated(Service oldValue, Service newValue)
    {
        if (!WatchedChanges.Same(oldValue.Spec, newValue.Spec))
        {
            Enqueue(oldValue);
            Enqueue(newValue);
        }
    }

    public void OnDeleted(Service value) => Enqueue(value);

    public void OnAdded(EndpointSlice value) => EnqueueServiceOf(value);

    public void OnUpdated(EndpointSlice oldValue, EndpointSlice newValue)
    {
        if (!WatchedChanges.Same(oldValue.Endpoints, newValue.Endpoints) || !WatchedChanges.Same(oldValue.Ports, newValue.Ports))
        {
            EnqueueServiceOf(newValue);
        }
    }

    public void OnDeleted(EndpointSlice value) => EnqueueServiceOf(value);

    private void EnqueueServiceOf(EndpointSlice slice)
    {
        if (slice.Metadata.Labels?.GetValueOrDefault(EndpointSlice.ServiceNameLabel) is not { } name)
        {
            return;
        }

        var ns = slice.Metadata.Namespace ?? "default";
        var service = services.Cache.Get(new ObjectKey(ns, name));
        if (service is not null)
        {
            Enqueue(service);
        }
        else
        {
            EnqueueClients(ns, name);
        }
    }

    private void Enqueue(Service service)
    {
        var ns = service.Metadata.Namespace ?? "default";
        EnqueueClients(ns, service.Metadata.Name ?? string.Empty);
        if (service.Spec.Selector is not { Count: > 0 } selector)
        {
            return;
        }

        var backends = pods.Cache.ByIndex(InformerCache<Pod>.NamespaceIndex, ns)
            .Where(p => selector.All(kv => p.Metadata.Labels?.GetValueOrDefault(kv.Key) == kv.Value))
            .Select(podWorkloads.WorkloadKey)
            .Distinct();
        foreach (var key in backends.SelectMany(b => AffectedProposals.Of(traffic.Cache, b)).Distinct())
        {
            queue.Add(key);
        }
    }

    private void EnqueueClients(string ns, string name)
    {
        foreach (var key in traffic.Cache.ByIndex(TrafficIndexes.ByPeerService, $"{ns}/{name}")
                     .Where(t => TrafficIndexes.IsProposable(t.Spec.Workload))
                     .Select(t => ProposalNaming.KeyFor(t.Spec.Workload))
                     .Distinct())
        {
            queue.Add(key);
        }
    }
}

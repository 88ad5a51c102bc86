using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Batch;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Enforcement;
using PolicyOperator.Controllers.Generators;
using PolicyOperator.Controllers.Inventory;
using PolicyOperator.Controllers.Metrics;
using PolicyOperator.Controllers.Proposals;
using PolicyOperator.Controllers.Review;
using PolicyOperator.Controllers.Traffic;
using PolicyOperator.Controllers.Watches;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Runtime.Events;
using PolicyOperator.Runtime.Hosting;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Metrics;
using PolicyOperator.Runtime.Reconciliation;

namespace PolicyOperator.Controllers.Hosting;

/// <summary>Registers the operator's controllers, their informers and their helpers.</summary>
public static class PolicyOperatorServiceCollectionExtensions
{
    /// <summary>The controller name in logs and metrics.</summary>
    public const string ProposalController = "networkpolicyproposals";

    /// <summary>
    /// The proposal controller and every informer it reads (all namespaces). Register a
    /// <see cref="KubernetesClient"/> and call <see cref="OperatorServiceCollectionExtensions.AddOperatorRuntime"/> as well.
    /// </summary>
    public static IServiceCollection AddPolicyOperatorControllers(this IServiceCollection services, OperatorOptions options, InformerOptions? informerOptions = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.TryAddSingleton<MetricsRegistry>();
        services.AddSingleton<OperatorMetrics>();
        services.AddSingleton(provider => new EventRecorder(
            provider.GetRequiredService<KubernetesClient>().Events,
            options.ControllerName,
            options.Identity,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<EventRecorder>()));

        // ObservedTraffic is indexed by the proposals it concerns before the informer runs.
        services.AddSingleton(provider =>
        {
            var informer = new SharedInformer<ObservedTraffic>(
                ObservedTraffic.Plural,
                new ResourceListWatch<ObservedTraffic>(provider.GetRequiredService<KubernetesClient>().ObservedTraffics),
                informerOptions,
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<SharedInformer<ObservedTraffic>>(),
                provider.GetRequiredService<MetricsRegistry>());
            TrafficIndexes.AddTo(informer.Cache);
            return informer;
        });
        services.AddSingleton<IInformer>(provider => provider.GetRequiredService<SharedInformer<ObservedTraffic>>());
        Add(services, informerOptions, c => c.NetworkPolicyProposals);
        Add(services, informerOptions, c => c.PolicyGenerators);
        Add(services, informerOptions, c => c.Namespaces);
        Add(services, informerOptions, c => c.Pods);
        Add(services, informerOptions, c => c.Services);
        Add(services, informerOptions, c => c.EndpointSlices);
        Add(services, informerOptions, c => c.Nodes);
        Add(services, informerOptions, c => c.NetworkPolicies);
        Add(services, informerOptions, c => c.Deployments);
        Add(services, informerOptions, c => c.ReplicaSets);
        Add(services, informerOptions, c => c.StatefulSets);
        Add(services, informerOptions, c => c.DaemonSets);
        Add(services, informerOptions, c => c.Jobs);
        Add(services, informerOptions, c => c.CronJobs);
        services.AddSingleton(provider => new InventorySnapshot(
            Informer<Namespace>(provider),
            Informer<Pod>(provider),
            Informer<Service>(provider),
            Informer<EndpointSlice>(provider),
            Informer<Node>(provider),
            Informer<NetworkPolicy>(provider),
            Informer<Deployment>(provider),
            Informer<ReplicaSet>(provider),
            Informer<StatefulSet>(provider),
            Informer<DaemonSet>(provider),
            Informer<Job>(provider),
            Informer<CronJob>(provider)));

        services.AddScoped<IReconciler<NetworkPolicyProposal>, ProposalReconciler>();
        services.AddSingleton(provider =>
        {
            // The snapshot counts inventory changes with its own handlers; registered first, so that a key
            // enqueued by a watch below is reconciled with the inventory that caused it.
            var snapshot = provider.GetRequiredService<InventorySnapshot>();
            var controller = new Controller<NetworkPolicyProposal>(
                ProposalController,
                Informer<NetworkPolicyProposal>(provider),
                provider.GetRequiredService<IServiceScopeFactory>(),
                new ControllerOptions { Workers = options.Workers },
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<Controller<NetworkPolicyProposal>>(),
                provider.GetRequiredService<MetricsRegistry>());
            var traffic = Informer<ObservedTraffic>(provider);
            traffic.AddHandler(new TrafficEnqueuer(controller.Queue));
            Informer<NetworkPolicyProposal>(provider).AddHandler(new ReviewEnqueuer(controller.Queue));
            Informer<NetworkPolicy>(provider).AddHandler(new ManagedPolicyEnqueuer(controller.Queue));
            Informer<PolicyGenerator>(provider).AddHandler(new GeneratorEnqueuer(controller.Queue, traffic));
            Informer<Namespace>(provider).AddHandler(new NamespaceEnqueuer(controller.Queue, traffic));
            var pods = new PodEnqueuer(controller.Queue, traffic, Informer<ReplicaSet>(provider), Informer<Job>(provider));
            Informer<Pod>(provider).AddHandler(pods);
            var services = new ServiceEnqueuer(controller.Queue, traffic, Informer<Service>(provider), Informer<Pod>(provider), pods);
            Informer<Service>(provider).AddHandler(services);
            Informer<EndpointSlice>(provider).AddHandler(services);
            provider.GetRequiredService<MetricsRegistry>().Add(new TrafficReportMetrics(traffic, snapshot));
            return controller;
        });
        services.AddSingleton<IController>(provider => provider.GetRequiredService<Controller<NetworkPolicyProposal>>());
        return services;
    }

    private static SharedInformer<T> Informer<T>(IServiceProvider provider)
        where T : class, IKubernetesObject<ObjectMeta> => provider.GetRequiredService<SharedInformer<T>>();

    private static void Add<T>(IServiceCollection services, InformerOptions? informerOptions, Func<KubernetesClient, ResourceClient<T>> resource)
        where T : class, IKubernetesObject<ObjectMeta> =>
        services.AddInformer(
            typeof(T).Name.ToLowerInvariant(),
            provider => new ResourceListWatch<T>(resource(provider.GetRequiredService<KubernetesClient>())),
            informerOptions);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.LeaderElection;
using PolicyOperator.Runtime.Metrics;
using PolicyOperator.Runtime.Reconciliation;

namespace PolicyOperator.Runtime.Hosting;

/// <summary>Registers the operator runtime with Microsoft.Extensions.DependencyInjection.</summary>
public static class OperatorServiceCollectionExtensions
{
    /// <summary>
    /// The controller manager (a hosted service), metrics, health, and leader election when configured.
    /// A <see cref="KubernetesClient"/> must be registered by the caller.
    /// </summary>
    public static IServiceCollection AddOperatorRuntime(this IServiceCollection services, OperatorRuntimeOptions options)
    {
        services.TryAddSingleton<MetricsRegistry>();
        services.TryAddSingleton(provider => new OperatorHealth(
            provider.GetServices<IInformer>(),
            provider.GetService<LeaderElector>()));
        if (options.LeaderElection is { } election)
        {
            services.TryAddSingleton(provider => new LeaderElector(
                provider.GetRequiredService<KubernetesClient>().Leases,
                election,
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<LeaderElector>(),
                provider.GetRequiredService<MetricsRegistry>()));
        }

        services.AddHostedService(provider => new ControllerManager(
            provider.GetServices<IInformer>(),
            provider.GetServices<IController>(),
            provider.GetRequiredService<OperatorHealth>(),
            provider.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(),
            provider.GetRequiredService<ILogger<ControllerManager>>(),
            provider.GetService<LeaderElector>()));
        return services;
    }

    /// <summary>
    /// A shared informer of <typeparamref name="T"/> (one per type, whatever the number of controllers),
    /// fed by <paramref name="source"/>.
    /// </summary>
    public static IServiceCollection AddInformer<T>(this IServiceCollection services, string name, Func<IServiceProvider, IListWatchSource<T>> source, InformerOptions? options = null)
        where T : class, IKubernetesObject<ObjectMeta>
    {
        if (services.Any(service => service.ServiceType == typeof(SharedInformer<T>)))
        {
            return services;
        }

        services.AddSingleton(provider => new SharedInformer<T>(
            name,
            source(provider),
            options,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<SharedInformer<T>>(),
            provider.GetRequiredService<MetricsRegistry>()));
        services.AddSingleton<IInformer>(provider => provider.GetRequiredService<SharedInformer<T>>());
        return services;
    }

    /// <summary>
    /// A controller reconciling <typeparamref name="T"/> with <typeparamref name="TReconciler"/> (scoped:
    /// one instance per reconcile). Register the informer of <typeparamref name="T"/> with <see cref="AddInformer{T}"/>.
    /// </summary>
    public static IServiceCollection AddController<T, TReconciler>(this IServiceCollection services, string name, ControllerOptions? options = null)
        where T : class, IKubernetesObject<ObjectMeta>
        where TReconciler : class, IReconciler<T>
    {
        services.AddScoped<IReconciler<T>, TReconciler>();
        services.AddSingleton<IController>(provider => new Controller<T>(
            name,
            provider.GetRequiredService<SharedInformer<T>>(),
            provider.GetRequiredService<IServiceScopeFactory>(),
            options,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<Controller<T>>(),
            provider.GetRequiredService<MetricsRegistry>()));
        return services;
    }
}

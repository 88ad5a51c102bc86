using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.LeaderElection;
using PolicyOperator.Runtime.Reconciliation;

namespace PolicyOperator.Runtime.Hosting;

/// <summary>
/// Runs the informers and controllers: at once, or while this replica leads. Losing the lease stops the
/// application (as controller-runtime does), so that a restarted pod campaigns with fresh caches. On
/// shutdown, controllers finish running reconciles, then the lease is released.
/// </summary>
public sealed partial class ControllerManager(
    IEnumerable<IInformer> informers,
    IEnumerable<IController> controllers,
    OperatorHealth health,
    IHostApplicationLifetime lifetime,
    ILogger<ControllerManager> logger,
    LeaderElector? elector = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        health.MarkRunning(true);
        try
        {
            if (elector is null)
            {
                await RunControllersAsync(stoppingToken).ConfigureAwait(false);
                return;
            }

            var lost = await elector.RunAsync(RunControllersAsync, stoppingToken).ConfigureAwait(false);
            if (lost)
            {
                health.MarkFailed("lost the leader lease");
                LogLostLease(logger);
                lifetime.StopApplication();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            health.MarkFailed(e.Message);
            LogFailed(logger, e);
            lifetime.StopApplication();
        }
        finally
        {
            health.MarkRunning(false);
        }
    }

    private async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        using var informersCancellation = new CancellationTokenSource();
        var informerTasks = informers.Select(informer => Task.Run(() => informer.RunAsync(informersCancellation.Token), CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(controllers.Select(controller => controller.RunAsync(cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            // Informers stop after the controllers, whose last reconciles may still read the caches.
            await informersCancellation.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(informerTasks).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "lost the leader lease; stopping so that a fresh replica campaigns")]
    private static partial void LogLostLease(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "the controller manager failed; stopping")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

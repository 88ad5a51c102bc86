using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyOperator.Api.Coordination;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Errors;
using PolicyOperator.Runtime.Metrics;

namespace PolicyOperator.Runtime.LeaderElection;

/// <summary>
/// Leader election on a coordination.k8s.io Lease, as client-go does it: optimistic concurrency on the
/// Lease's resourceVersion decides who wins; expiry is judged by this replica's own clock from when it
/// last saw the lease change, so clock skew between replicas does not matter.
/// </summary>
public sealed partial class LeaderElector
{
    private readonly ResourceClient<Lease> _leases;
    private readonly LeaderElectionOptions _options;
    private readonly ILogger _logger;
    private readonly Gauge.Cell _isLeader;
    private Lease? _observed;
    private DateTimeOffset _observedAt;

    public LeaderElector(ResourceClient<Lease> leases, LeaderElectionOptions options, ILogger? logger = null, MetricsRegistry? metrics = null)
    {
        options.Validate();
        _leases = leases;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _isLeader = (metrics ?? new MetricsRegistry()).Gauge("leader_election_is_leader", "1 while this replica holds the lease.", "lease").WithLabels(options.LeaseName);
    }

    public string Identity => _options.Identity;

    /// <summary>True while this replica holds the lease.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>The holder this replica last saw, possibly itself.</summary>
    public string? ObservedLeader => _observed?.Spec.HolderIdentity;

    /// <summary>
    /// Campaigns until elected, runs <paramref name="lead"/> while leading, renews the lease meanwhile,
    /// and returns when cancelled (releasing the lease) or when leadership is lost (then the token given
    /// to <paramref name="lead"/> is cancelled first; restart the process rather than campaign again).
    /// </summary>
    /// <returns>True when it led and lost the lease; false when cancelled.</returns>
    public async Task<bool> RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => lead(leading.Token), CancellationToken.None);
        var lost = await RenewUntilLostAsync(work, cancellationToken).ConfigureAwait(false);
        await leading.CancelAsync().ConfigureAwait(false);
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The leader's work ends by cancellation.
        }
        finally
        {
            SetLeader(false);
            if (!lost && _options.ReleaseOnCancel)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
        }

        return lost;
    }

    /// <summary>Tries every retry period until this replica holds the lease; false when cancelled.</summary>
    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        LogCampaigning(_logger, _options.Identity, _options.LeaseNamespace, _options.LeaseName);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                SetLeader(true);
                LogAcquired(_logger, _options.Identity, _options.LeaseName);
                return true;
            }

            if (!await DelayAsync(Jittered(_options.RetryPeriod), cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Renews every retry period; true when a renewal did not succeed within the renew deadline.</summary>
    private async Task<bool> RenewUntilLostAsync(Task work, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        var lastRenewed = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested && !work.IsCompleted)
        {
            if (!await DelayAsync(_options.RetryPeriod, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(_options.RenewDeadline);
            if (await TryAcquireOrRenewAsync(attempt.Token).ConfigureAwait(false))
            {
                lastRenewed = time.GetUtcNow();
            }
            else if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            else if (time.GetUtcNow() - lastRenewed >= _options.RenewDeadline || (_observed?.Spec.HolderIdentity is { } holder && holder != _options.Identity))
            {
                LogLost(_logger, _options.Identity, _options.LeaseName, ObservedLeader);
                return true;
            }
        }

        return false;
    }

    /// <summary>One attempt: create the lease, take it over when expired, or renew it when ours.</summary>
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetUtcNow();
        try
        {
            var current = await _leases.FindAsync(_options.LeaseName, _options.LeaseNamespace, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                Observe(await _leases.CreateAsync(NewLease(now), cancellationToken).ConfigureAwait(false), now);
                return true;
            }

            if (_observed?.Metadata.ResourceVersion != current.Metadata.ResourceVersion)
            {
                Observe(current, now);
            }

            var holder = current.Spec.HolderIdentity;
            var ours = holder == _options.Identity;
            var duration = TimeSpan.FromSeconds(current.Spec.LeaseDurationSeconds ?? (int)_options.LeaseDuration.TotalSeconds);
            if (!ours && !string.IsNullOrEmpty(holder) && _observedAt + duration > now)
            {
                return false;
            }

            var spec = current.Spec with
            {
                HolderIdentity = _options.Identity,
                LeaseDurationSeconds = (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds),
                RenewTime = now,
                AcquireTime = ours ? current.Spec.AcquireTime ?? now : now,
                LeaseTransitions = ours ? current.Spec.LeaseTransitions ?? 0 : (current.Spec.LeaseTransitions ?? 0) + 1,
            };
            Observe(await _leases.UpdateAsync(current with { Spec = spec }, cancellationToken).ConfigureAwait(false), now);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Conflict: another replica wrote first. Anything else: the API is unreachable; try again next period.
            if (e is not ConflictException and not AlreadyExistsException)
            {
                LogAttemptFailed(_logger, e, _options.Identity, _options.LeaseName);
            }

            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Gives the lease up (holder cleared, duration 1 s) so that a standby takes over at its next try.</summary>
    private async Task ReleaseAsync()
    {
        if (_observed is not { } lease || lease.Spec.HolderIdentity != _options.Identity)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.RenewDeadline);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                var now = _options.TimeProvider.GetUtcNow();
                await _leases.UpdateAsync(lease with { Spec = lease.Spec with { HolderIdentity = null, LeaseDurationSeconds = 1, RenewTime = now } }, timeout.Token).ConfigureAwait(false);
                LogReleased(_logger, _options.Identity, _options.LeaseName);
                return;
            }
            catch (ConflictException)
            {
                // A renewal cancelled in flight may still have been written; release the version the server holds if it is still ours.
                try
                {
                    var current = await _leases.FindAsync(_options.LeaseName, _options.LeaseNamespace, timeout.Token).ConfigureAwait(false);
                    if (current is null || current.Spec.HolderIdentity != _options.Identity)
                    {
                        return;
                    }

                    lease = current;
                }
                catch (Exception e)
                {
                    LogAttemptFailed(_logger, e, _options.Identity, _options.LeaseName);
                    return;
                }
            }
            catch (Exception e)
            {
                LogAttemptFailed(_logger, e, _options.Identity, _options.LeaseName);
                return;
            }
        }
    }

    private Lease NewLease(DateTimeOffset now) => new()
    {
        Metadata = new ObjectMeta { Name = _options.LeaseName, Namespace = _options.LeaseNamespace },
        Spec = new LeaseSpec
        {
            HolderIdentity = _options.Identity,
            LeaseDurationSeconds = (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds),
            AcquireTime = now,
            RenewTime = now,
            LeaseTransitions = 0,
        },
    };

    private void Observe(Lease lease, DateTimeOffset now)
    {
        _observed = lease;
        _observedAt = now;
    }

    private void SetLeader(bool leading)
    {
        IsLeader = leading;
        _isLeader.Set(leading ? 1 : 0);
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>client-go's JitterFactor 1.2: replicas do not retry in lockstep.</summary>
    private static TimeSpan Jittered(TimeSpan period) => period + TimeSpan.FromTicks((long)(period.Ticks * 1.2 * Random.Shared.NextDouble()));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity}: campaigning for lease {Namespace}/{Lease}")]
    private static partial void LogCampaigning(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity}: acquired lease {Lease}; leading")]
    private static partial void LogAcquired(ILogger logger, string identity, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity}: lost lease {Lease} (holder now {Holder})")]
    private static partial void LogLost(ILogger logger, string identity, string lease, string? holder);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity}: released lease {Lease}")]
    private static partial void LogReleased(ILogger logger, string identity, string lease);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Identity}: lease {Lease} attempt failed")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string identity, string lease);
}

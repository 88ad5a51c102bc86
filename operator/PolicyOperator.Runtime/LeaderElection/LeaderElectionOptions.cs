namespace PolicyOperator.Runtime.LeaderElection;

/// <summary>
/// The Lease that replicas compete for and client-go's timings: a leader renews every
/// <see cref="RetryPeriod"/>, gives up when it could not renew for <see cref="RenewDeadline"/>, and
/// others take over once the lease was not renewed for <see cref="LeaseDuration"/>.
/// </summary>
public sealed record LeaderElectionOptions
{
    public required string LeaseName { get; init; }

    public required string LeaseNamespace { get; init; }

    /// <summary>This replica's identity (the pod name); must differ between replicas.</summary>
    public required string Identity { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Give the lease up when stopped, so that another replica takes over at once instead of after it expires.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (LeaseDuration <= RenewDeadline || RenewDeadline <= RetryPeriod || RetryPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"leader election needs leaseDuration ({LeaseDuration}) > renewDeadline ({RenewDeadline}) > retryPeriod ({RetryPeriod}) > 0");
        }
    }
}

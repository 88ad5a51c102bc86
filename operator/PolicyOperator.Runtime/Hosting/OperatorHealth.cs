using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.LeaderElection;

namespace PolicyOperator.Runtime.Hosting;

/// <summary>
/// What <c>/healthz</c> and <c>/readyz</c> report. Live while the manager loop runs. Ready when this
/// replica can do its job: a standby (not leading) is ready to take over; a leader once its caches synced.
/// </summary>
public sealed class OperatorHealth(IEnumerable<IInformer> informers, LeaderElector? elector = null)
{
    private volatile bool _running;
    private volatile string? _failure;

    public bool IsLive => _failure is null;

    public bool IsReady => _running && IsLive && (elector is { IsLeader: false } || informers.All(informer => informer.HasSynced));

    /// <summary>Why the replica is not live or not ready, for the probe's body.</summary>
    public string Describe()
    {
        if (_failure is { } failure)
        {
            return $"failed: {failure}";
        }

        var pending = informers.Where(informer => !informer.HasSynced).Select(informer => informer.Name).ToArray();
        var role = elector is null ? "single replica" : elector.IsLeader ? "leader" : $"standby (leader: {elector.ObservedLeader ?? "none"})";
        return !_running ? "starting" : pending.Length == 0 || elector is { IsLeader: false } ? $"ok ({role})" : $"{role}; waiting for caches: {string.Join(", ", pending)}";
    }

    internal void MarkRunning(bool running) => _running = running;

    internal void MarkFailed(string reason) => _failure = reason;
}

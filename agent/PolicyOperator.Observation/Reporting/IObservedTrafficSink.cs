using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Observation.Reporting;

/// <summary>Where ObservedTraffic goes: the API server, or files.</summary>
public interface IObservedTrafficSink
{
    /// <summary>
    /// Writes the current state of every object (each one complete, not a delta). Throws when it
    /// could not: the caller keeps the state and writes it again next time.
    /// </summary>
    Task WriteAsync(IReadOnlyList<ObservedTraffic> traffic, CancellationToken cancellationToken);
}

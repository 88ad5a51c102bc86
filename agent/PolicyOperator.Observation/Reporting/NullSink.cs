using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Observation.Reporting;

/// <summary>A sink that writes nothing: rounds for progress only (<c>policyctl observe --out -</c> writes once, at the end).</summary>
public sealed class NullSink : IObservedTrafficSink
{
    /// <summary>The one instance.</summary>
    public static NullSink Instance { get; } = new();

    private NullSink()
    {
    }

    /// <inheritdoc />
    public Task WriteAsync(IReadOnlyList<ObservedTraffic> traffic, CancellationToken cancellationToken) => Task.CompletedTask;
}

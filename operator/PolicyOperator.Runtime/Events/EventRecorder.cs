using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyOperator.Api.Events;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Client;

namespace PolicyOperator.Runtime.Events;

/// <summary>
/// Writes events.k8s.io Events about objects (what <c>kubectl describe</c> shows under Events). Best
/// effort, as in client-go: a failed write is logged, never thrown into the reconcile that reported it.
/// </summary>
/// <param name="events">The events client.</param>
/// <param name="controller">The reporting controller, for example <c>policyoperator.io/operator</c>.</param>
/// <param name="instance">This replica (the pod name).</param>
public sealed partial class EventRecorder(ResourceClient<Event> events, string controller, string instance, TimeProvider? time = null, ILogger? logger = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Records an event about <paramref name="regarding"/>; returns it, or null when the write failed.</summary>
    /// <param name="type"><see cref="Event.NormalType"/> or <see cref="Event.WarningType"/>.</param>
    /// <param name="reason">CamelCase, for example <c>PolicyProposed</c>.</param>
    /// <param name="action">What was done, for example <c>Propose</c>.</param>
    /// <param name="note">Human-readable detail; cut to the API's 1 kB limit.</param>
    public async Task<Event?> RecordAsync(IKubernetesObject<ObjectMeta> regarding, string type, string reason, string action, string note, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var name = regarding.Metadata.Name ?? throw new ArgumentException("the object has no name", nameof(regarding));
        var value = new Event
        {
            // client-go's naming: the object's name and a hex timestamp, unique per event.
            Metadata = new ObjectMeta
            {
                Name = $"{name}.{now.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000):x}",
                Namespace = regarding.Metadata.Namespace ?? "default",
            },
            EventTime = now,
            ReportingController = controller,
            ReportingInstance = instance,
            Type = type,
            Reason = reason,
            Action = action,
            Note = note.Length > 1024 ? note[..1024] : note,
            Regarding = new EventObjectReference
            {
                ApiVersion = regarding.ApiVersion,
                Kind = regarding.Kind,
                Namespace = regarding.Metadata.Namespace,
                Name = name,
                Uid = regarding.Metadata.Uid,
                ResourceVersion = regarding.Metadata.ResourceVersion,
            },
        };

        try
        {
            return await events.CreateAsync(value, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(_logger, e, reason, $"{regarding.Kind} {value.Regarding.Namespace}/{name}");
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not record event {Reason} about {Object}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reason, string @object);
}

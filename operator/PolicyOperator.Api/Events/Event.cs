using System.Text.Json.Serialization;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Events;

/// <summary>
/// events.k8s.io/v1 Event: a report that something happened to an object (what <c>kubectl describe</c>
/// shows), for example that the operator proposed a policy.
/// </summary>
public sealed record Event : IKubernetesObject<ObjectMeta>
{
    public const string Group = "events.k8s.io";
    public const string Version = "v1";
    public const string KindName = "Event";
    public const string Plural = "events";

    /// <summary>The <see cref="Type"/> of an ordinary event.</summary>
    public const string NormalType = "Normal";

    /// <summary>The <see cref="Type"/> of an event someone should look at.</summary>
    public const string WarningType = "Warning";

    public string ApiVersion { get; init; } = $"{Group}/{Version}";

    public string Kind { get; init; } = KindName;

    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>When the event was first observed.</summary>
    [JsonConverter(typeof(MicroTimeConverter))]
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>The controller that emitted it, for example <c>policyoperator.io/operator</c>.</summary>
    public required string ReportingController { get; init; }

    /// <summary>The replica that emitted it (usually the pod name).</summary>
    public required string ReportingInstance { get; init; }

    /// <summary>What the controller did, for example <c>Propose</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Why, CamelCase, for example <c>PolicyProposed</c>.</summary>
    public required string Reason { get; init; }

    /// <summary><see cref="NormalType"/> or <see cref="WarningType"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The object the event is about.</summary>
    public required EventObjectReference Regarding { get; init; }

    /// <summary>A secondary object, when there is one.</summary>
    public EventObjectReference? Related { get; init; }

    /// <summary>Human-readable description (at most 1 kB).</summary>
    public string? Note { get; init; }

    /// <summary>Set when the same event repeats.</summary>
    public EventSeries? Series { get; init; }
}

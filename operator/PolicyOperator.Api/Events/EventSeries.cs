using System.Text.Json.Serialization;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Events;

/// <summary>How often an <see cref="Event"/> repeated, and when it was last seen.</summary>
public sealed record EventSeries
{
    public required int Count { get; init; }

    [JsonConverter(typeof(MicroTimeConverter))]
    public required DateTimeOffset LastObservedTime { get; init; }
}

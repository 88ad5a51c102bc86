using System.Text.Json.Serialization;

namespace PolicyOperator.Engine.Reporting;

/// <summary>Which end of the traffic a query names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QueryDirection>))]
public enum QueryDirection
{
    /// <summary>Who talks to the target (<c>--to</c>).</summary>
    To,

    /// <summary>What the target talks to (<c>--from</c>).</summary>
    From,
}

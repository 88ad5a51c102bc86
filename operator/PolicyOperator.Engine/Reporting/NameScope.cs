using System.Text.Json.Serialization;

namespace PolicyOperator.Engine.Reporting;

/// <summary>Whether a DNS name belongs to the cluster or to the outside world.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NameScope>))]
public enum NameScope
{
    /// <summary>Under the cluster domain, a <c>.svc</c> name, a single label, or <c>service.namespace</c> of a known namespace.</summary>
    Internal,

    /// <summary>Anything else.</summary>
    External,
}

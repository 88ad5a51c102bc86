using System.Text.Json.Serialization;

namespace PolicyOperator.Api.Core;

/// <summary>core/v1 ContainerPort.</summary>
public sealed record ContainerPort
{
    public string? Name { get; init; }

    /// <summary>The port number (JSON <c>containerPort</c>; C# cannot name a member after its type).</summary>
    [JsonPropertyName("containerPort")]
    public required int Number { get; init; }

    /// <summary>TCP (the default), UDP or SCTP.</summary>
    public string? Protocol { get; init; }
}

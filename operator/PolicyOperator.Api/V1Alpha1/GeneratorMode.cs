using System.Text.Json.Serialization;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>What a <see cref="PolicyGenerator"/> does with what it learns.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GeneratorMode>))]
public enum GeneratorMode
{
    /// <summary>Record traffic only; no proposals.</summary>
    Observe,

    /// <summary>Write NetworkPolicyProposals for review; apply only approved ones.</summary>
    Propose,

    /// <summary>Apply proposals that pass the safety check without waiting for approval.</summary>
    Enforce,
}

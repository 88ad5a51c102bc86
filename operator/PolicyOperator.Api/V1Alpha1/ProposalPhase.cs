using System.Text.Json.Serialization;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>Where a <see cref="NetworkPolicyProposal"/> is in its review and enforcement life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProposalPhase>))]
public enum ProposalPhase
{
    /// <summary>Waiting for review.</summary>
    Proposed,

    /// <summary>Approved; the operator applies it when the safety check passes.</summary>
    Approved,

    /// <summary>Its policies are in the cluster.</summary>
    Applied,

    /// <summary>A person rejected it, or the safety check failed.</summary>
    Rejected,

    /// <summary>A newer revision replaced an approved or applied one and awaits review (<c>status.supersededRevision</c>, <c>status.supersededBy</c>).</summary>
    Superseded,

    /// <summary>Applied, but traffic was observed that its policies do not cover.</summary>
    Drifted,
}

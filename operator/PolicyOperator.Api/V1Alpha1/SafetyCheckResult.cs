using System.Text.Json.Serialization;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>Outcome of a <see cref="SafetyCheck"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SafetyCheckResult>))]
public enum SafetyCheckResult
{
    /// <summary>Every observed flow stays allowed.</summary>
    Passed,

    /// <summary>At least one observed flow would be denied; the proposal is not applied.</summary>
    Failed,

    /// <summary>Not checked yet.</summary>
    Pending,
}

using PolicyOperator.Api.Meta;

namespace PolicyOperator.Controllers.Status;

/// <summary>Sets conditions the Kubernetes way: the transition time moves only when the status does.</summary>
public static class ConditionList
{
    public static IReadOnlyList<Condition> Set(IReadOnlyList<Condition> conditions, string type, bool status, string reason, string message, long? generation, DateTimeOffset now)
    {
        var text = status ? "True" : "False";
        var old = conditions.FirstOrDefault(c => c.Type == type);
        var updated = new Condition
        {
            Type = type,
            Status = text,
            Reason = reason,
            Message = message.Length > 32768 ? message[..32768] : message,
            ObservedGeneration = generation,
            LastTransitionTime = old is not null && old.Status == text ? old.LastTransitionTime : now,
        };
        return old is null ? [.. conditions, updated] : [.. conditions.Select(c => c.Type == type ? updated : c)];
    }

    public static bool IsTrue(IReadOnlyList<Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type)?.Status == "True";
}

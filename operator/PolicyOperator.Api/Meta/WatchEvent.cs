namespace PolicyOperator.Api.Meta;

/// <summary>One event of a watch stream.</summary>
/// <typeparam name="T">The watched type.</typeparam>
/// <param name="Type">What happened.</param>
/// <param name="Object">
/// The object after the change; for <see cref="WatchEventType.Deleted"/> its last state; null for a
/// <see cref="WatchEventType.Bookmark"/>, which only carries a resourceVersion.
/// </param>
/// <param name="ResourceVersion">The resourceVersion to resume a watch from after this event.</param>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, string? ResourceVersion)
    where T : class;

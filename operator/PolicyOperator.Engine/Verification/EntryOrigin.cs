namespace PolicyOperator.Engine.Verification;

/// <summary>Where a traffic entry is: the ObservedTraffic object, the direction and the index (formatted only when shown).</summary>
/// <param name="Object"><c>namespace/name</c> of the ObservedTraffic.</param>
/// <param name="Direction"><c>ingress</c> or <c>egress</c>.</param>
/// <param name="Index">The entry's index in that list.</param>
public sealed record EntryOrigin(string Object, string Direction, int Index)
{
    /// <summary><c>namespace/name spec.egress[3]</c>.</summary>
    public override string ToString() => $"{Object} spec.{Direction}[{Index}]";
}

namespace PolicyOperator.Demo.Cleanup;

/// <summary>A run record read back: who owned it and what it created.</summary>
internal sealed record LeftoverRun(
    string Path,
    ProcessIdentity? Owner,
    string? ClusterId,
    IReadOnlyList<string> Cgroups,
    IReadOnlyList<ProcessIdentity> Processes)
{
    /// <summary>True while the run that wrote it is still running (its things are not leftovers).</summary>
    public bool OwnerIsRunning => Owner?.IsRunning == true;
}

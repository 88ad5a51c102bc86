namespace PolicyOperator.Demo.Cleanup;

/// <summary>
/// What a demo run has created outside its output directory, written down as it is created (one line
/// each, appended and flushed), so that the next run can remove what a killed run left behind. It lives
/// under /run, which like network namespaces and cgroups does not survive a reboot.
/// </summary>
internal sealed class RunRecord : IDisposable
{
    /// <summary>Where run records are kept.</summary>
    public const string DefaultDirectory = "/run/policyoperator-demo";

    private const string OwnerLine = "owner";
    private const string ClusterLine = "cluster";
    private const string CgroupLine = "cgroup";
    private const string ProcessLine = "process";

    private readonly StreamWriter _writer;

    private RunRecord(string path, StreamWriter writer)
    {
        Path = path;
        _writer = writer;
    }

    /// <summary>The record's file.</summary>
    public string Path { get; }

    /// <summary>Starts a record for the cluster <paramref name="clusterId"/>, owned by this process.</summary>
    public static RunRecord Create(string directory, string clusterId) => Create(directory, clusterId, ProcessIdentity.Current);

    /// <summary>Starts a record for the cluster <paramref name="clusterId"/>, owned by <paramref name="owner"/>.</summary>
    public static RunRecord Create(string directory, string clusterId, ProcessIdentity owner)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, $"{clusterId}.run");
        var writer = new StreamWriter(path, append: false) { AutoFlush = true };
        var record = new RunRecord(path, writer);
        record.Append(OwnerLine, owner.ToString());
        record.Append(ClusterLine, clusterId);
        return record;
    }

    /// <summary>Records a cgroup directory (a pod's container cgroup).</summary>
    public void AddCgroup(string path) => Append(CgroupLine, path);

    /// <summary>Records a process started outside the pods (policyctl observe).</summary>
    public void AddProcess(ProcessIdentity process) => Append(ProcessLine, process.ToString());

    /// <summary>Closes the record and deletes it: everything in it has been removed.</summary>
    public void Complete()
    {
        _writer.Dispose();
        File.Delete(Path);
    }

    /// <summary>Closes the file, keeping it (what it lists may still exist).</summary>
    public void Dispose() => _writer.Dispose();

    /// <summary>Reads a record written by <see cref="Create"/>; unknown lines are ignored.</summary>
    public static LeftoverRun Read(string path)
    {
        ProcessIdentity? owner = null;
        string? clusterId = null;
        var cgroups = new List<string>();
        var processes = new List<ProcessIdentity>();
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                continue;
            }

            var (kind, value) = (line[..space], line[(space + 1)..]);
            switch (kind)
            {
                case OwnerLine: owner = ProcessIdentity.Parse(value); break;
                case ClusterLine: clusterId = value; break;
                case CgroupLine: cgroups.Add(value); break;
                case ProcessLine when ProcessIdentity.Parse(value) is { } process: processes.Add(process); break;
            }
        }

        return new LeftoverRun(path, owner, clusterId, cgroups, processes);
    }

    private void Append(string kind, string value) => _writer.WriteLine($"{kind} {value}");
}

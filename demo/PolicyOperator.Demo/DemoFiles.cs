namespace PolicyOperator.Demo;

/// <summary>The files a demo run writes, all under one directory.</summary>
internal sealed record DemoFiles(string Directory)
{
    /// <summary>The kubectl-style inventory of the application.</summary>
    public string Inventory => Path.Combine(Directory, "inventory.json");

    /// <summary>What policyctl observe recorded (ObservedTraffic).</summary>
    public string Observed => Path.Combine(Directory, "observed.yaml");

    /// <summary>The generated NetworkPolicies (a kustomize tree).</summary>
    public string Policies => Path.Combine(Directory, "policies");

    /// <summary>The evidence behind every rule.</summary>
    public string Evidence => Path.Combine(Directory, "evidence.yaml");

    /// <summary>policyctl verify's report.</summary>
    public string Verification => Path.Combine(Directory, "verify.txt");

    /// <summary>The dependency map as a self-contained HTML page.</summary>
    public string MapHtml => Path.Combine(Directory, "dependency-map.html");

    /// <summary>The dependency map in Mermaid.</summary>
    public string MapMermaid => Path.Combine(Directory, "dependency-map.mmd");

    /// <summary>The dependency map in Graphviz DOT.</summary>
    public string MapDot => Path.Combine(Directory, "dependency-map.dot");

    /// <summary>The summary tables, as printed.</summary>
    public string Summary => Path.Combine(Directory, "summary.txt");

    /// <summary>Removes what an earlier run wrote here (only the demo's own files), so no stale policy survives.</summary>
    public void Reset()
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var file in new[] { Inventory, Observed, Evidence, Verification, MapHtml, MapMermaid, MapDot, Summary }.Where(File.Exists))
        {
            File.Delete(file);
        }

        if (System.IO.Directory.Exists(Policies))
        {
            System.IO.Directory.Delete(Policies, recursive: true);
        }
    }

    /// <summary>A path as shown to the user: relative to the working directory when below it.</summary>
    public static string Show(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }
}

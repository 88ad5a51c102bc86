namespace PolicyOperator.Sensor;

/// <summary>
/// Where the compiled BPF objects are: <c>bpf/</c> next to the running assembly (the build copies
/// them there), or a directory named by <c>POLICYOPERATOR_BPF_DIR</c> (for example in an image).
/// </summary>
public static class BpfObjectFiles
{
    /// <summary>The environment variable that overrides the directory.</summary>
    public const string DirectoryVariable = "POLICYOPERATOR_BPF_DIR";

    /// <summary>The probe program: counts TCP state changes; proves tracepoints and maps work.</summary>
    public const string Probe = "probe.bpf.o";

    /// <summary>The directory that holds the objects.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "bpf");

    /// <summary>The full path of one object; throws with the place looked in when it is missing.</summary>
    public static string PathOf(string objectName)
    {
        var path = Path.Combine(Directory, objectName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"BPF object '{objectName}' not found in {Directory}; run 'make build' (it compiles bpf/*.bpf.c) or set {DirectoryVariable}", path);
    }
}

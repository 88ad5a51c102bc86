namespace PolicyOperator.Cli.Tests;

/// <summary>A temporary directory with named files, deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("policyctl-");

    public string Write(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => _dir.Delete(recursive: true);
}

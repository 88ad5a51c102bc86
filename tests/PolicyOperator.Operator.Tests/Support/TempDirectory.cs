namespace PolicyOperator.Operator.Tests.Support;

/// <summary>A temporary directory removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("policyoperator-operator-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

namespace PolicyOperator.Testing;

/// <summary>Finds the repository root and the shared third-party test data beside it.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The directory that holds PolicyOperator.sln.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>
    /// <c>../shared/testdata</c> from the repository root, or <c>POLICYOPERATOR_TESTDATA</c>.
    /// </summary>
    public static string SharedTestData =>
        Environment.GetEnvironmentVariable("POLICYOPERATOR_TESTDATA") is { Length: > 0 } dir
            ? dir
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "testdata"));

    /// <summary>A path under the shared test data; throws naming it when it is missing.</summary>
    public static string TestData(params string[] parts)
    {
        var path = Path.Combine([SharedTestData, .. parts]);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"shared test data not found: {path}", path);
    }

    /// <summary>A path under the repository root.</summary>
    public static string InRepository(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyOperator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"PolicyOperator.sln not found above {AppContext.BaseDirectory}");
    }
}

using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer;

namespace PolicyOperator.Kubernetes.Tests.ApiServer;

/// <summary>Starts a test API server with the project's CRDs, and a raw client for it.</summary>
public static class ServerFixture
{
    public static Task<TestApiServer> StartWithCrdsAsync(TestApiServerOptions? options = null) =>
        TestApiServer.StartAsync((options ?? new TestApiServerOptions()) with { Manifests = [RepositoryPaths.InRepository("crds")] });

    public static ApiClient Client(this TestApiServer server) => new(server.CreateHttpClient());
}

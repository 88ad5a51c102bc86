using FluentAssertions;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.ApiServer;

public sealed class HttpsTests
{
    [Fact]
    public async Task Https_server_is_reachable_with_its_certificate_and_the_kubeconfig_carries_it()
    {
        await using var server = await TestApiServer.StartAsync(new TestApiServerOptions { UseHttps = true });
        using var client = server.Client();
        var dir = Directory.CreateTempSubdirectory("testapiserver-");
        try
        {
            var version = await client.GetAsync("/version");
            var kubeconfig = await File.ReadAllTextAsync(server.WriteKubeconfig(Path.Combine(dir.FullName, "config")));

            server.BaseAddress.Scheme.Should().Be("https");
            server.BaseAddress.Host.Should().Be("127.0.0.1");
            version["major"]!.GetValue<string>().Should().Be("1");
            kubeconfig.Should().Contain("certificate-authority-data: ").And.Contain($"server: https://127.0.0.1:{server.BaseAddress.Port}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Plain_client_does_not_trust_the_self_signed_certificate()
    {
        await using var server = await TestApiServer.StartAsync(new TestApiServerOptions { UseHttps = true });
        using var plain = new HttpClient { BaseAddress = server.BaseAddress };

        var act = () => plain.GetAsync("version");

        await act.Should().ThrowAsync<HttpRequestException>();
    }
}

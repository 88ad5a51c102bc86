using FluentAssertions;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Client;

public sealed class TlsTests
{
    [Fact]
    public async Task A_kubeconfig_with_CA_data_and_a_client_certificate_authenticates_over_mutual_TLS()
    {
        using var certificates = new TestCertificates();
        string? seenClient = null;
        await using var server = await ScriptedApiServer.StartAsync(
            (context, _) => ScriptedApiServer.RespondAsync(context, 200, LeaseJson.Lease("lock", "1")),
            certificates.Server,
            client =>
            {
                seenClient = client?.Subject;
                return client?.Issuer == certificates.Authority.Subject;
            });
        var configuration = KubeConfigLoader.Parse(Kubeconfig(server.Address, certificates), "test-kubeconfig", ".");
        using var client = new KubernetesClient(configuration, ScriptedApiServer.FastOptions());

        var lease = await client.Leases.GetAsync("lock", "ns", CancellationToken.None);

        lease.Metadata.Name.Should().Be("lock");
        seenClient.Should().Be("CN=policy-operator, O=system:masters");
    }

    [Fact]
    public async Task A_server_certificate_from_another_CA_is_refused()
    {
        using var certificates = new TestCertificates();
        using var other = new TestCertificates("other-ca");
        await using var server = await ScriptedApiServer.StartAsync(
            (context, _) => ScriptedApiServer.RespondAsync(context, 200, LeaseJson.Lease("lock", "1")),
            certificates.Server);
        var configuration = KubeConfigLoader.Parse(Kubeconfig(server.Address, other), "test-kubeconfig", ".");
        using var client = new KubernetesClient(configuration, ScriptedApiServer.FastOptions() with
        {
            Resilience = ScriptedApiServer.FastOptions().Resilience with { MaxRetryAttempts = 0 },
        });

        var call = () => client.Leases.GetAsync("lock", "ns", CancellationToken.None);

        await call.Should().ThrowAsync<HttpRequestException>();
        server.Requests.Should().BeEmpty();
    }

    private static string Kubeconfig(Uri server, TestCertificates certificates) => $"""
        current-context: c
        clusters:
        - name: k
          cluster:
            server: {server}
            certificate-authority-data: {TestCertificates.Base64(TestCertificates.CertificatePem(certificates.Authority))}
        users:
        - name: u
          user:
            client-certificate-data: {TestCertificates.Base64(TestCertificates.CertificatePem(certificates.Client))}
            client-key-data: {TestCertificates.Base64(TestCertificates.KeyPem(certificates.Client))}
        contexts:
        - name: c
          context: {"{"}cluster: k, user: u{"}"}
        """;
}

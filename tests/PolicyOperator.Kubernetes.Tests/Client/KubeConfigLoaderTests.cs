using FluentAssertions;
using PolicyOperator.Kubernetes.Configuration;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Client;

public sealed class KubeConfigLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    private const string Valid = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://127.0.0.1:6443
            insecure-skip-tls-verify: true
        - name: prod-cluster
          cluster:
            server: https://127.0.0.2:6443
            tls-server-name: kubernetes
        users:
        - name: dev-user
          user:
            token: dev-token
        - name: file-user
          user:
            tokenFile: token.txt
        contexts:
        - name: dev
          context:
            cluster: dev-cluster
            user: dev-user
            namespace: web
        - name: prod
          context:
            cluster: prod-cluster
            user: file-user
        """;

    [Fact]
    public void Load_uses_the_current_context_with_its_cluster_user_and_namespace()
    {
        var configuration = KubeConfigLoader.Parse(Valid, "test-kubeconfig", _directory);

        configuration.Server.Should().Be(new Uri("https://127.0.0.1:6443"));
        configuration.BearerToken.Should().Be("dev-token");
        configuration.Namespace.Should().Be("web");
        configuration.SkipTlsVerify.Should().BeTrue();
        configuration.ClientCertificate.Should().BeNull();
    }

    [Fact]
    public void Load_of_a_named_context_resolves_a_token_file_relative_to_the_kubeconfig()
    {
        File.WriteAllText(Path.Combine(_directory, "token.txt"), "file-token\n");
        var path = Path.Combine(_directory, "config");
        File.WriteAllText(path, Valid);

        var configuration = KubeConfigLoader.Load(path, "prod");

        configuration.Server.Should().Be(new Uri("https://127.0.0.2:6443"));
        configuration.TokenFile.Should().Be(Path.Combine(_directory, "token.txt"));
        configuration.TlsServerName.Should().Be("kubernetes");
        configuration.Namespace.Should().Be("default");
        configuration.SkipTlsVerify.Should().BeFalse();
    }

    [Fact]
    public void Load_reads_client_certificate_and_CA_data_and_files()
    {
        using var certificates = new TestCertificates();
        File.WriteAllText(Path.Combine(_directory, "ca.crt"), TestCertificates.CertificatePem(certificates.Authority));
        File.WriteAllText(Path.Combine(_directory, "client.key"), TestCertificates.KeyPem(certificates.Client));
        var yaml = $"""
            current-context: c
            clusters:
            - name: k
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority: ca.crt
            users:
            - name: u
              user:
                client-certificate-data: {TestCertificates.Base64(TestCertificates.CertificatePem(certificates.Client))}
                client-key: client.key
            contexts:
            - name: c
              context: {"{"}cluster: k, user: u{"}"}
            """;

        var configuration = KubeConfigLoader.Parse(yaml, "test-kubeconfig", _directory);

        configuration.CertificateAuthorities.Should().ContainSingle().Which.Thumbprint.Should().Be(certificates.Authority.Thumbprint);
        configuration.ClientCertificate!.Thumbprint.Should().Be(certificates.Client.Thumbprint);
        configuration.ClientCertificate.HasPrivateKey.Should().BeTrue();
    }

    [Theory]
    [InlineData("server: https://127.0.0.1:6443", "server: ''", "clusters[0].cluster.server: missing")]
    [InlineData("server: https://127.0.0.1:6443", "server: not a url", "clusters[0].cluster.server: 'not a url' is not an absolute http(s) URL")]
    [InlineData("insecure-skip-tls-verify: true", "insecure-skip-tls-verify: maybe", "clusters[0].cluster.insecure-skip-tls-verify: 'maybe' is not true or false")]
    [InlineData("insecure-skip-tls-verify: true", "certificate-authority-data: '%%%'", "clusters[0].cluster.certificate-authority-data: not valid base64")]
    [InlineData("insecure-skip-tls-verify: true", "certificate-authority-data: aGVsbG8=", "clusters[0].cluster.certificate-authority-data: holds no PEM certificate")]
    [InlineData("insecure-skip-tls-verify: true", "certificate-authority: missing-ca.crt", "clusters[0].cluster.certificate-authority: file 'missing-ca.crt' not found")]
    [InlineData("cluster: dev-cluster", "cluster: nowhere", "contexts[0].context.cluster: names cluster 'nowhere', which clusters does not define")]
    [InlineData("user: dev-user", "user: nobody", "contexts[0].context.user: names user 'nobody', which users does not define")]
    [InlineData("current-context: dev", "current-context: staging", "current-context: no context named 'staging'")]
    [InlineData("current-context: dev", "current-context: ''", "current-context: not set, and no context was asked for")]
    [InlineData("token: dev-token", "client-certificate-data: aGVsbG8=", "users[0].user.client-key-data: missing; client-certificate-data needs its private key")]
    [InlineData("token: dev-token", "exec: {command: aws}", "users[0].user.exec: credential plugins are not supported")]
    [InlineData("- name: dev-cluster", "- nameless: dev-cluster", "clusters[0].name: missing")]
    [InlineData("clusters:", "clusters: 5\nx:", "clusters: expected a list")]
    [InlineData("  context:\n    cluster: dev-cluster", "  context: dev-cluster\n  x:\n    cluster: dev-cluster", "contexts[0].context: expected a mapping")]
    public void A_broken_kubeconfig_fails_naming_the_field(string valid, string broken, string expected)
    {
        var yaml = Valid.Replace(valid, broken, StringComparison.Ordinal);
        yaml.Should().NotBe(Valid, "the test must break something");

        var load = () => KubeConfigLoader.Parse(yaml, "test-kubeconfig", _directory);

        load.Should().Throw<KubeConfigException>().Which.Message.Should().StartWith($"test-kubeconfig: {expected}");
    }

    [Fact]
    public void Invalid_yaml_fails_naming_the_line()
    {
        var load = () => KubeConfigLoader.Parse("clusters:\n  - name: [unclosed\n", "test-kubeconfig", _directory);

        load.Should().Throw<KubeConfigException>().Which.Message.Should().MatchRegex("^test-kubeconfig: line [0-9]+, column [0-9]+: not valid YAML");
    }

    [Fact]
    public void A_missing_file_fails_naming_the_file()
    {
        var path = Path.Combine(_directory, "absent");

        var load = () => KubeConfigLoader.Load(path);

        load.Should().Throw<KubeConfigException>().Which.Message.Should().Be($"{path}: (file): not found");
    }

    [Fact]
    public void In_cluster_configuration_reads_the_service_account_and_the_service_environment()
    {
        using var certificates = new TestCertificates();
        File.WriteAllText(Path.Combine(_directory, "token"), "sa-token\n");
        File.WriteAllText(Path.Combine(_directory, "ca.crt"), TestCertificates.CertificatePem(certificates.Authority));
        File.WriteAllText(Path.Combine(_directory, "namespace"), "policy-system");
        var environment = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "fd00::1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var configuration = InClusterConfiguration.Load(_directory, name => environment.GetValueOrDefault(name));

        configuration.Server.Should().Be(new Uri("https://[fd00::1]:443"));
        configuration.TokenFile.Should().Be(Path.Combine(_directory, "token"));
        configuration.Namespace.Should().Be("policy-system");
        configuration.CertificateAuthorities.Should().ContainSingle();
    }

    [Fact]
    public void In_cluster_configuration_outside_a_pod_says_what_is_missing()
    {
        var load = () => InClusterConfiguration.Load(_directory, _ => null);

        load.Should().Throw<KubeConfigException>().Which.Message.Should().Contain("KUBERNETES_SERVICE_HOST");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

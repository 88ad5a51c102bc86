using System.Security.Cryptography.X509Certificates;

namespace PolicyOperator.Kubernetes.Configuration;

/// <summary>
/// Where the API server is and how to authenticate to it; built from a kubeconfig
/// (<see cref="KubeConfigLoader"/>) or from the pod's service account (<see cref="InClusterConfiguration"/>).
/// </summary>
public sealed record KubernetesClientConfiguration
{
    /// <summary>The API server, for example <c>https://10.96.0.1:443</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>The namespace of the context (or of the pod), used when a call names none.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>A fixed bearer token.</summary>
    public string? BearerToken { get; init; }

    /// <summary>A file holding the bearer token, re-read as it rotates (projected service-account tokens).</summary>
    public string? TokenFile { get; init; }

    /// <summary>HTTP basic authentication, rarely enabled on clusters.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>The client certificate with its private key (mutual TLS).</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The certificate authorities the server's certificate must chain to; the system store when empty.</summary>
    public X509Certificate2Collection CertificateAuthorities { get; init; } = [];

    /// <summary>Accept any server certificate (kubeconfig <c>insecure-skip-tls-verify</c>).</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>The name to check the server certificate against, when it differs from the server's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>
    /// The configuration of where this process runs: in-cluster when the pod's service account is
    /// mounted, otherwise the kubeconfig named by <c>KUBECONFIG</c> or <c>~/.kube/config</c>.
    /// </summary>
    public static KubernetesClientConfiguration FromEnvironment(string? context = null) =>
        InClusterConfiguration.IsInCluster()
            ? InClusterConfiguration.Load()
            : KubeConfigLoader.Load(KubeConfigLoader.DefaultPath(), context);
}

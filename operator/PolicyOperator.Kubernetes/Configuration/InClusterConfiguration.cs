using System.Security.Cryptography.X509Certificates;

namespace PolicyOperator.Kubernetes.Configuration;

/// <summary>
/// Configuration inside a pod: the API server from <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c>, the
/// token, CA and namespace from the mounted service account.
/// </summary>
public static class InClusterConfiguration
{
    /// <summary>Where Kubernetes mounts the service account of a pod.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>True when the environment and the service-account token say this runs in a pod.</summary>
    public static bool IsInCluster(string serviceAccountDirectory = ServiceAccountDirectory) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"))
        && File.Exists(Path.Combine(serviceAccountDirectory, "token"));

    /// <summary>Reads the in-cluster configuration; throws naming what is missing.</summary>
    /// <param name="serviceAccountDirectory">The service-account mount (tests point it elsewhere).</param>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> by default.</param>
    public static KubernetesClientConfiguration Load(
        string serviceAccountDirectory = ServiceAccountDirectory,
        Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeConfigException("in-cluster configuration", "KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT", "not set; is this running in a pod?");
        }

        var tokenFile = Path.Combine(serviceAccountDirectory, "token");
        if (!File.Exists(tokenFile))
        {
            throw new KubeConfigException("in-cluster configuration", tokenFile, "service-account token not found");
        }

        var caFile = Path.Combine(serviceAccountDirectory, "ca.crt");
        var authorities = new X509Certificate2Collection();
        if (File.Exists(caFile))
        {
            authorities.ImportFromPemFile(caFile);
        }

        var namespaceFile = Path.Combine(serviceAccountDirectory, "namespace");
        // An IPv6 service host needs brackets in a URI.
        var uriHost = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return new KubernetesClientConfiguration
        {
            Server = new Uri($"https://{uriHost}:{port}"),
            TokenFile = tokenFile,
            CertificateAuthorities = authorities,
            Namespace = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : "default",
        };
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PolicyOperator.Kubernetes.Configuration;

/// <summary>
/// Reads a kubeconfig file (clusters, users, contexts; bearer token or token file, client certificates,
/// CA data and files, basic auth). Every problem is a <see cref="KubeConfigException"/> naming the field.
/// </summary>
public static class KubeConfigLoader
{
    /// <summary>The first file of <c>KUBECONFIG</c>, or <c>~/.kube/config</c>.</summary>
    public static string DefaultPath() =>
        Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } list
            ? list.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)[0]
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");

    /// <summary>Loads <paramref name="path"/> for <paramref name="context"/> (the current context when null).</summary>
    public static KubernetesClientConfiguration Load(string path, string? context = null)
    {
        if (!File.Exists(path))
        {
            throw new KubeConfigException(path, "(file)", "not found");
        }

        return Parse(File.ReadAllText(path), path, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".", context);
    }

    /// <summary>Parses kubeconfig text; <paramref name="origin"/> names it in errors, relative files resolve against <paramref name="baseDirectory"/>.</summary>
    public static KubernetesClientConfiguration Parse(string yaml, string origin, string baseDirectory, string? context = null)
    {
        var root = new KubeConfigNode(origin, string.Empty, ReadRoot(yaml, origin));

        var contextName = context ?? root.String("current-context")
            ?? throw root.Error("current-context", "not set, and no context was asked for");
        var contextEntry = FindNamed(root, "contexts", contextName)
            ?? throw root.Error(context is null ? "current-context" : "contexts", $"no context named '{contextName}'");
        var contextNode = contextEntry.RequiredMapping("context");

        var clusterName = contextNode.RequiredString("cluster");
        var cluster = (FindNamed(root, "clusters", clusterName)
            ?? throw contextNode.Error("cluster", $"names cluster '{clusterName}', which clusters does not define")).RequiredMapping("cluster");

        var userName = contextNode.String("user");
        var user = userName is null
            ? null
            : (FindNamed(root, "users", userName) ?? throw contextNode.Error("user", $"names user '{userName}', which users does not define")).RequiredMapping("user");

        var serverText = cluster.RequiredString("server");
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw cluster.Error("server", $"'{serverText}' is not an absolute http(s) URL");
        }

        return new KubernetesClientConfiguration
        {
            Server = server,
            Namespace = contextNode.String("namespace") ?? "default",
            CertificateAuthorities = ReadAuthorities(cluster, baseDirectory),
            SkipTlsVerify = cluster.Boolean("insecure-skip-tls-verify"),
            TlsServerName = cluster.String("tls-server-name"),
            BearerToken = user?.String("token"),
            TokenFile = user?.String("tokenFile") is { } tokenFile ? Resolve(user, "tokenFile", tokenFile, baseDirectory) : null,
            Username = user?.String("username"),
            Password = user?.String("password"),
            ClientCertificate = user is null ? null : ReadClientCertificate(user, baseDirectory),
        };
    }

    private static YamlMappingNode ReadRoot(string yaml, string origin)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new KubeConfigException(origin, $"line {e.Start.Line}, column {e.Start.Column}", $"not valid YAML: {e.Message}", e);
        }

        return stream.Documents is [{ RootNode: YamlMappingNode mapping }, ..]
            ? mapping
            : throw new KubeConfigException(origin, "(document)", "expected a mapping with clusters, users and contexts");
    }

    private static KubeConfigNode? FindNamed(KubeConfigNode root, string listKey, string name) =>
        root.Items(listKey).FirstOrDefault(item => item.RequiredString("name") == name);

    private static X509Certificate2Collection ReadAuthorities(KubeConfigNode cluster, string baseDirectory)
    {
        var authorities = new X509Certificate2Collection();
        var pem = cluster.Base64("certificate-authority-data");
        var key = "certificate-authority-data";
        if (pem is null && cluster.String("certificate-authority") is { } file)
        {
            key = "certificate-authority";
            pem = File.ReadAllText(Resolve(cluster, key, file, baseDirectory));
        }

        if (pem is null)
        {
            return authorities;
        }

        try
        {
            authorities.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw cluster.Error(key, $"not a valid PEM certificate: {e.Message}");
        }

        return authorities.Count > 0 ? authorities : throw cluster.Error(key, "holds no PEM certificate");
    }

    private static X509Certificate2? ReadClientCertificate(KubeConfigNode user, string baseDirectory)
    {
        if (user.Mapping("exec") is not null)
        {
            throw user.Error("exec", "credential plugins are not supported; use a token or a client certificate");
        }

        if (user.Mapping("auth-provider") is not null)
        {
            throw user.Error("auth-provider", "auth providers are not supported; use a token or a client certificate");
        }

        var (certificateKey, certificatePem) = ReadPem(user, "client-certificate", baseDirectory);
        var (keyKey, keyPem) = ReadPem(user, "client-key", baseDirectory);
        if (certificatePem is null && keyPem is null)
        {
            return null;
        }

        if (certificatePem is null)
        {
            throw user.Error("client-certificate-data", $"missing; {keyKey} needs its certificate");
        }

        if (keyPem is null)
        {
            throw user.Error("client-key-data", $"missing; {certificateKey} needs its private key");
        }

        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException e)
        {
            throw user.Error(certificateKey, $"certificate and {keyKey} do not form a valid PEM certificate and key: {e.Message}");
        }
    }

    private static (string Key, string? Pem) ReadPem(KubeConfigNode user, string name, string baseDirectory)
    {
        if (user.Base64($"{name}-data") is { } data)
        {
            return ($"{name}-data", data);
        }

        return user.String(name) is { } file
            ? (name, File.ReadAllText(Resolve(user, name, file, baseDirectory)))
            : ($"{name}-data", null);
    }

    private static string Resolve(KubeConfigNode node, string key, string file, string baseDirectory)
    {
        var path = System.IO.Path.IsPathRooted(file) ? file : System.IO.Path.Combine(baseDirectory, file);
        return File.Exists(path) ? path : throw node.Error(key, $"file '{file}' not found");
    }
}

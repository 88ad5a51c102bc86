namespace PolicyOperator.Testing.ApiServer;

/// <summary>How a <see cref="TestApiServer"/> listens and behaves.</summary>
public sealed record TestApiServerOptions
{
    /// <summary>The loopback port; 0 (default) picks a free one (read it back from <see cref="TestApiServer.BaseAddress"/>).</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with a self-signed certificate made at start (the kubeconfig carries it as the CA).</summary>
    public bool UseHttps { get; init; }

    /// <summary>How many changes are kept for watches and consistent lists; older versions answer 410.</summary>
    public int HistoryLimit { get; init; } = 10_000;

    /// <summary>How often watches that allow bookmarks get one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a watch stays open (the client's timeoutSeconds may shorten it).</summary>
    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Reject namespaced objects in namespaces that do not exist (404), as a real server does.</summary>
    public bool RequireNamespaces { get; init; } = true;

    /// <summary>The namespaces that exist from the start.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>Manifests (files or directories of YAML) applied at start, for example the crds/ folder.</summary>
    public IReadOnlyList<string> Manifests { get; init; } = [];

    /// <summary>The clock for timestamps, ages, bookmarks and outages.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Receives one line per request (method, path, status), when set.</summary>
    public Action<string>? RequestLog { get; init; }
}

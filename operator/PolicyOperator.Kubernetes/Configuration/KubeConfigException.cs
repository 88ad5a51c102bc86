namespace PolicyOperator.Kubernetes.Configuration;

/// <summary>A kubeconfig (or the in-cluster environment) that cannot be used; names the file and the field.</summary>
public sealed class KubeConfigException : Exception
{
    public KubeConfigException(string origin, string field, string problem, Exception? inner = null)
        : base($"{origin}: {field}: {problem}", inner)
    {
        Origin = origin;
        Field = field;
        Problem = problem;
    }

    /// <summary>The kubeconfig file (or "in-cluster configuration").</summary>
    public string Origin { get; }

    /// <summary>The field at fault, as a path: <c>users[0].user.client-certificate-data</c>.</summary>
    public string Field { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}

namespace PolicyOperator.Api.Meta;

/// <summary>Any Kubernetes object: it names its API version and kind (as in kubernetes-client/csharp).</summary>
public interface IKubernetesObject
{
    /// <summary>For example <c>networking.k8s.io/v1</c>.</summary>
    string ApiVersion { get; }

    /// <summary>For example <c>NetworkPolicy</c>.</summary>
    string Kind { get; }
}

/// <summary>A Kubernetes object with metadata.</summary>
public interface IKubernetesObject<out TMetadata> : IKubernetesObject
{
    /// <summary>The object's metadata.</summary>
    TMetadata Metadata { get; }
}

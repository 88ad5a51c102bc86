using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Client;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

/// <summary>A custom resource of the tests' own, so runtime tests do not depend on the project's CRDs.</summary>
public sealed record Widget : IKubernetesObject<ObjectMeta>
{
    public static readonly ResourceDescriptor Resource = new("test.policyoperator.io", "v1", "widgets");

    public string ApiVersion { get; init; } = "test.policyoperator.io/v1";

    public string Kind { get; init; } = "Widget";

    public ObjectMeta Metadata { get; init; } = new();

    public WidgetSpec Spec { get; init; } = new();

    public WidgetStatus? Status { get; init; }

    public static Widget Named(string name, int size = 1, string ns = "default") =>
        new() { Metadata = new ObjectMeta { Name = name, Namespace = ns }, Spec = new WidgetSpec { Size = size } };
}

public sealed record WidgetSpec
{
    public int Size { get; init; }

    public int Counter { get; init; }
}

public sealed record WidgetStatus
{
    public int ObservedSize { get; init; }
}

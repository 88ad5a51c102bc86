using System.Net;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Kubernetes.Errors;

/// <summary>409 Conflict: the object changed since it was read (stale resourceVersion); re-read and retry, see <see cref="Resilience.RetryOnConflict"/>.</summary>
public sealed class ConflictException(string call, Status status)
    : KubernetesApiException(call, HttpStatusCode.Conflict, status);

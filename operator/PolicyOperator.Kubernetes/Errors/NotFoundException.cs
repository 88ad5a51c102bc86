using System.Net;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Kubernetes.Errors;

/// <summary>404 Not Found: the object (or its namespace, or its resource type) does not exist.</summary>
public sealed class NotFoundException(string call, Status status)
    : KubernetesApiException(call, HttpStatusCode.NotFound, status);

using System.Net;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Kubernetes.Errors;

/// <summary>410 Gone / Expired: the resourceVersion to list or watch from is too old; relist.</summary>
public sealed class ResourceExpiredException(string call, Status status)
    : KubernetesApiException(call, HttpStatusCode.Gone, status);

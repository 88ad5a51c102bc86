using System.Net;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Kubernetes.Errors;

/// <summary>409 AlreadyExists: a create named an object that exists.</summary>
public sealed class AlreadyExistsException(string call, Status status)
    : KubernetesApiException(call, HttpStatusCode.Conflict, status);

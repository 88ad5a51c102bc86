using System.Net;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Kubernetes.Errors;

/// <summary>
/// The API server refused a call. Carries its <see cref="Status"/>; the message says which call failed
/// and the server's own message. Subclasses name the failures callers react to.
/// </summary>
public class KubernetesApiException : Exception
{
    public KubernetesApiException(string call, HttpStatusCode statusCode, Status status)
        : base($"{call}: {(int)statusCode} {status.Reason ?? statusCode.ToString()}: {status.Message ?? "(no message)"}")
    {
        Call = call;
        StatusCode = statusCode;
        Status = status;
    }

    /// <summary>The call, for example <c>PUT /apis/coordination.k8s.io/v1/namespaces/x/leases/y</c>.</summary>
    public string Call { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's Status (synthesized from the response when the body was not one).</summary>
    public Status Status { get; }

    /// <summary>The typed exception for a failed call: conflict, not found, already exists, expired, or this base type.</summary>
    public static KubernetesApiException Create(string call, HttpStatusCode statusCode, Status status) => (statusCode, status.Reason) switch
    {
        (HttpStatusCode.Conflict, "AlreadyExists") => new AlreadyExistsException(call, status),
        (HttpStatusCode.Conflict, _) => new ConflictException(call, status),
        (HttpStatusCode.NotFound, _) => new NotFoundException(call, status),
        (HttpStatusCode.Gone, _) or (_, "Expired" or "Gone") => new ResourceExpiredException(call, status),
        _ => new KubernetesApiException(call, statusCode, status),
    };
}

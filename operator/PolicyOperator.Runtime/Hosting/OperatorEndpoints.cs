using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PolicyOperator.Runtime.Metrics;

namespace PolicyOperator.Runtime.Hosting;

/// <summary>The probe and metrics endpoints: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>.</summary>
public static class OperatorEndpoints
{
    /// <summary>Maps the endpoints; 200 when live/ready, 503 otherwise, with the reason as text.</summary>
    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (OperatorHealth health) => Probe(health.IsLive, health.Describe()));
        endpoints.MapGet("/readyz", (OperatorHealth health) => Probe(health.IsReady, health.Describe()));
        endpoints.MapGet("/metrics", (MetricsRegistry metrics) => Results.Text(metrics.Render(), MetricsRegistry.ContentType));
        return endpoints;
    }

    private static IResult Probe(bool ok, string description) =>
        Results.Text(description, "text/plain; charset=utf-8", statusCode: ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
}

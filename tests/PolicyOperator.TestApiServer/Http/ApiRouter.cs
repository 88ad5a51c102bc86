using Microsoft.AspNetCore.Http;
using PolicyOperator.Testing.ApiServer.Faults;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>Routes every request: admin, injected faults, health, discovery, OpenAPI, resources; failures become Status objects.</summary>
internal sealed class ApiRouter(
    FaultInjector faults,
    AdminEndpoints admin,
    DiscoveryEndpoints discovery,
    OpenApiEndpoints openApi,
    ResourceEndpoints resources,
    TestApiServerOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        try
        {
            if (path.StartsWith(AdminEndpoints.Prefix, StringComparison.Ordinal))
            {
                await admin.HandleAsync(context, path).ConfigureAwait(false);
                return;
            }

            await faults.BeforeRequestAsync(context.Request.Method, path, context.RequestAborted).ConfigureAwait(false);
            if (path is "/healthz" or "/livez" or "/readyz")
            {
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (await discovery.TryHandleAsync(context, path).ConfigureAwait(false)
                || await openApi.TryHandleAsync(context, path).ConfigureAwait(false))
            {
                return;
            }

            var info = RequestInfo.Parse(path) ?? throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            await resources.HandleAsync(context, info).ConfigureAwait(false);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await Responses.WriteStatusAsync(context, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            await Responses.WriteStatusAsync(context, new ApiException(500, "InternalError", $"the test API server failed: {e.GetType().Name}: {e.Message}")).ConfigureAwait(false);
        }
        finally
        {
            options.RequestLog?.Invoke($"{context.Request.Method} {path}{context.Request.QueryString} -> {context.Response.StatusCode}");
        }
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PolicyOperator.Testing.ApiServer.Faults;
using PolicyOperator.Testing.ApiServer.Schema;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>
/// The admin endpoint for fault injection from outside the process:
/// <c>GET /testapiserver/faults</c> shows the settings; <c>POST /testapiserver/faults</c> with
/// <c>{"latencyMilliseconds":200}</c>, <c>{"fail":{"count":3,"code":429,"retryAfterSeconds":1,"pathContains":"/pods"}}</c>,
/// <c>{"outageSeconds":5}</c>, <c>{"endOutage":true}</c>, <c>{"dropWatches":true,"abortConnections":false}</c>,
/// <c>{"compact":true}</c> or <c>{"reset":true}</c> changes them (several keys may be combined).
/// </summary>
internal sealed class AdminEndpoints(FaultInjector faults)
{
    public const string Prefix = "/testapiserver/";

    public async Task HandleAsync(HttpContext context, string path)
    {
        if (path != Prefix + "faults")
        {
            throw new ApiException(404, "NotFound", $"unknown admin endpoint {path}; use {Prefix}faults");
        }

        if (context.Request.Method == "POST")
        {
            var body = await RequestBodies.ReadObjectAsync(context).ConfigureAwait(false);
            Apply(body);
        }
        else if (context.Request.Method != "GET")
        {
            throw ApiException.MethodNotAllowed("use GET or POST");
        }

        await Responses.WriteJsonAsync(context, 200, faults.Describe()).ConfigureAwait(false);
    }

    private void Apply(JsonObject body)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "reset", "latencyMilliseconds", "fail", "outageSeconds", "endOutage", "dropWatches", "abortConnections", "compact" };
        if (body.Select(p => p.Key).FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw ApiException.BadRequest($"unknown fault setting \"{unknown}\"; known: {string.Join(", ", known)}");
        }

        if (JsonNodes.IsTrue(body["reset"]))
        {
            faults.Reset();
        }

        if (JsonNodes.TryGetNumber(body["latencyMilliseconds"], out var latency))
        {
            faults.Latency = TimeSpan.FromMilliseconds((double)latency);
        }

        if (body["fail"] is JsonObject fail)
        {
            var count = JsonNodes.TryGetNumber(fail["count"], out var c) ? (int)c : 1;
            var code = JsonNodes.TryGetNumber(fail["code"], out var s) ? (int)s : 500;
            TimeSpan? retry = JsonNodes.TryGetNumber(fail["retryAfterSeconds"], out var r) ? TimeSpan.FromSeconds((double)r) : null;
            faults.FailNext(count, code, retry, JsonNodes.AsString(fail["pathContains"]), JsonNodes.AsString(fail["method"]));
        }

        if (JsonNodes.TryGetNumber(body["outageSeconds"], out var outage))
        {
            faults.StartOutage(TimeSpan.FromSeconds((double)outage));
        }

        if (JsonNodes.IsTrue(body["endOutage"]))
        {
            faults.EndOutage();
        }

        if (JsonNodes.IsTrue(body["dropWatches"]))
        {
            faults.DropWatches(JsonNodes.IsTrue(body["abortConnections"]));
        }

        if (JsonNodes.IsTrue(body["compact"]))
        {
            faults.Compact();
        }
    }
}

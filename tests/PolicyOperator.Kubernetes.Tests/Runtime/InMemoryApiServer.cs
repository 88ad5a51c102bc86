using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.Kubernetes.Tests.Client;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

/// <summary>
/// A small loopback API server for the runtime's reliability tests until the shared test API server
/// lands: any namespaced resource under <c>/apis/g/v/</c>, list and watch with resourceVersions and
/// history (410 Gone below the compaction point), optimistic concurrency (409), generation bumped on
/// spec changes only, the status subresource, bookmarks, and faults (dropped watches, outages).
/// </summary>
public sealed class InMemoryApiServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Plural, string Namespace, string Name), JsonObject> _objects = [];
    private readonly List<(long Version, string Type, string Plural, string Namespace, JsonObject Object)> _history = [];
    private readonly List<Watcher> _watchers = [];
    private WebApplication? _app;
    private long _version = 100;
    private long _compactedBelow;
    private volatile bool _outage;
    private volatile bool _watchesRefused;

    public Uri Address { get; private set; } = null!;

    /// <summary>Requests answered (all kinds), for tests that check work resumed.</summary>
    public int Requests => _requests;

    private int _requests;
    private int _conflicts;

    /// <summary>Writes refused with 409 Conflict (stale resourceVersion).</summary>
    public int Conflicts => _conflicts;

    public static async Task<InMemoryApiServer> StartAsync()
    {
        var server = new InMemoryApiServer();
        server._app = LoopbackKestrel.CreateBuilder().Build();
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        server.Address = LoopbackKestrel.AddressOf(server._app);
        return server;
    }

    public KubernetesClient CreateClient(KubernetesClientOptions? options = null) =>
        new(new KubernetesClientConfiguration { Server = Address }, options ?? ScriptedApiServer.FastOptions());

    /// <summary>Cuts every open watch connection (as a load balancer or an API server restart does).</summary>
    public void DropWatches()
    {
        lock (_lock)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Drop.Cancel();
            }
        }
    }

    /// <summary>Forgets the event history: watches from an older resourceVersion get 410 Gone.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _compactedBelow = _version;
            _history.Clear();
        }
    }

    /// <summary>Starts an outage: open watches are cut and every request gets 503 until <see cref="EndOutage"/>.</summary>
    public void BeginOutage()
    {
        _outage = true;
        DropWatches();
    }

    public void EndOutage() => _outage = false;

    /// <summary>Cuts open watches and answers new ones 503 while other calls keep working.</summary>
    public void RefuseWatches()
    {
        _watchesRefused = true;
        DropWatches();
    }

    public void AcceptWatches() => _watchesRefused = false;

    /// <summary>Sends a BOOKMARK with the current resourceVersion to the watches that asked for bookmarks.</summary>
    public void Bookmark()
    {
        lock (_lock)
        {
            foreach (var watcher in _watchers.Where(w => w.Bookmarks))
            {
                var bookmark = new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = Version(_version) } };
                watcher.Events.Writer.TryWrite(Line("BOOKMARK", bookmark));
            }
        }
    }

    /// <summary>The stored object, or null.</summary>
    public JsonObject? Get(string plural, string ns, string name)
    {
        lock (_lock)
        {
            return _objects.GetValueOrDefault((plural, ns, name))?.DeepClone().AsObject();
        }
    }

    public async ValueTask DisposeAsync()
    {
        DropWatches();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (_outage)
        {
            await RespondStatusAsync(context, 503, "ServiceUnavailable", "the API server is down (outage)");
            return;
        }

        // /apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/status]]
        var segments = context.Request.Path.Value!.Trim('/').Split('/');
        if (segments.Length < 4 || segments[0] != "apis")
        {
            await RespondStatusAsync(context, 404, "NotFound", $"no route {context.Request.Path}");
            return;
        }

        var rest = segments[3..];
        string? ns = null;
        if (rest is ["namespaces", var n, .. var tail])
        {
            ns = n;
            rest = tail;
        }

        switch (context.Request.Method, rest)
        {
            case ("GET", [var plural]) when context.Request.Query["watch"] == "true":
                await WatchAsync(context, plural, ns);
                break;
            case ("GET", [var plural]):
                await ListAsync(context, plural, ns);
                break;
            case ("GET", [var plural, var name]):
                await GetAsync(context, plural, ns!, name);
                break;
            case ("POST", [var plural]):
                await WriteAsync(context, plural, ns!, null, status: false);
                break;
            case ("PUT", [var plural, var name]):
                await WriteAsync(context, plural, ns!, name, status: false);
                break;
            case ("PUT", [var plural, var name, "status"]):
                await WriteAsync(context, plural, ns!, name, status: true);
                break;
            case ("DELETE", [var plural, var name]):
                await DeleteAsync(context, plural, ns!, name);
                break;
            default:
                await RespondStatusAsync(context, 405, "MethodNotAllowed", $"{context.Request.Method} {context.Request.Path}");
                break;
        }
    }

    private async Task ListAsync(HttpContext context, string plural, string? ns)
    {
        JsonArray items;
        string version;
        lock (_lock)
        {
            items = [.. _objects.Where(pair => pair.Key.Plural == plural && (ns is null || pair.Key.Namespace == ns)).Select(pair => (JsonNode)pair.Value.DeepClone())];
            version = Version(_version);
        }

        await RespondAsync(context, 200, new JsonObject { ["kind"] = "List", ["apiVersion"] = "v1", ["metadata"] = new JsonObject { ["resourceVersion"] = version }, ["items"] = items });
    }

    private async Task GetAsync(HttpContext context, string plural, string ns, string name)
    {
        var value = Get(plural, ns, name);
        await (value is null
            ? RespondStatusAsync(context, 404, "NotFound", $"{plural} \\\"{name}\\\" not found")
            : RespondAsync(context, 200, value));
    }

    private async Task WriteAsync(HttpContext context, string plural, string ns, string? name, bool status)
    {
        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted))!.AsObject();
        var metadata = body["metadata"]!.AsObject();
        name ??= metadata["name"]!.GetValue<string>();
        var (code, result) = Write(context.Request.Method == "POST", plural, ns, name, body, status);
        await RespondAsync(context, code, result);
    }

    /// <summary>Stores a create or an update under optimistic concurrency; returns the code and the body to answer.</summary>
    private (int Code, JsonObject Body) Write(bool create, string plural, string ns, string name, JsonObject body, bool status)
    {
        var key = (plural, ns, name);
        lock (_lock)
        {
            var existing = _objects.GetValueOrDefault(key);
            if (create && existing is not null)
            {
                return (409, StatusObject(409, "AlreadyExists", $"{plural} \\\"{name}\\\" already exists"));
            }

            if (!create && existing is null)
            {
                return (404, StatusObject(404, "NotFound", $"{plural} \\\"{name}\\\" not found"));
            }

            if (existing is not null && body["metadata"]?["resourceVersion"]?.GetValue<string>() is { } sent && sent != existing["metadata"]!["resourceVersion"]!.GetValue<string>())
            {
                _conflicts++;
                return (409, StatusObject(409, "Conflict", $"Operation cannot be fulfilled on {plural} \\\"{name}\\\": the object has been modified; please apply your changes to the latest version and try again"));
            }

            var stored = status ? existing!.DeepClone().AsObject() : body.DeepClone().AsObject();
            if (status)
            {
                stored["status"] = body["status"]?.DeepClone();
            }

            var generation = existing?["metadata"]?["generation"]?.GetValue<long>() ?? 0;
            var specChanged = existing is null || (!status && !JsonNode.DeepEquals(existing["spec"], body["spec"]));
            var storedMeta = stored["metadata"]!.AsObject();
            storedMeta["namespace"] = ns;
            storedMeta["generation"] = specChanged ? generation + 1 : generation;
            storedMeta["resourceVersion"] = Version(++_version);
            storedMeta["uid"] = existing?["metadata"]?["uid"]?.DeepClone() ?? Guid.NewGuid().ToString();
            _objects[key] = stored;
            Publish(existing is null ? "ADDED" : "MODIFIED", plural, ns, stored);
            return (create ? 201 : 200, stored.DeepClone().AsObject());
        }
    }

    private async Task DeleteAsync(HttpContext context, string plural, string ns, string name)
    {
        JsonObject? removed;
        lock (_lock)
        {
            if (_objects.Remove((plural, ns, name), out removed))
            {
                removed["metadata"]!["resourceVersion"] = Version(++_version);
                Publish("DELETED", plural, ns, removed);
            }
        }

        await (removed is null
            ? RespondStatusAsync(context, 404, "NotFound", $"{plural} \\\"{name}\\\" not found")
            : RespondAsync(context, 200, removed));
    }

    private async Task WatchAsync(HttpContext context, string plural, string? ns)
    {
        if (_watchesRefused)
        {
            await RespondStatusAsync(context, 503, "ServiceUnavailable", "watches are refused");
            return;
        }

        var from = long.Parse(context.Request.Query["resourceVersion"].ToString() is { Length: > 0 } v ? v : "0", CultureInfo.InvariantCulture);
        var watcher = new Watcher(plural, ns, context.Request.Query["allowWatchBookmarks"] == "true");
        bool expired;
        lock (_lock)
        {
            expired = from < _compactedBelow;
            if (!expired)
            {
                foreach (var past in _history.Where(e => e.Version > from && watcher.Matches(e.Plural, e.Namespace)))
                {
                    watcher.Events.Writer.TryWrite(Line(past.Type, past.Object));
                }

                _watchers.Add(watcher);
            }
        }

        context.Response.ContentType = "application/json";
        if (expired)
        {
            await context.Response.WriteAsync(Line("ERROR", StatusObject(410, "Expired", $"too old resource version: {from} ({_compactedBelow})")), context.RequestAborted);
            return;
        }

        await context.Response.Body.FlushAsync(context.RequestAborted);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, watcher.Drop.Token);
        try
        {
            await foreach (var line in watcher.Events.Reader.ReadAllAsync(stop.Token))
            {
                await context.Response.WriteAsync(line, stop.Token);
                await context.Response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) when (watcher.Drop.IsCancellationRequested)
        {
            // Dropped on purpose: reset the connection mid-stream.
            context.Abort();
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    private void Publish(string type, string plural, string ns, JsonObject value)
    {
        var copy = value.DeepClone().AsObject();
        _history.Add((long.Parse(copy["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture), type, plural, ns, copy));
        foreach (var watcher in _watchers.Where(w => w.Matches(plural, ns)))
        {
            watcher.Events.Writer.TryWrite(Line(type, copy));
        }
    }

    private static string Version(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static string Line(string type, JsonObject value) => new JsonObject { ["type"] = type, ["object"] = value.DeepClone() }.ToJsonString() + "\n";

    private static JsonObject StatusObject(int code, string reason, string message) =>
        JsonNode.Parse(ScriptedApiServer.StatusJson(code, reason, message))!.AsObject();

    private static Task RespondStatusAsync(HttpContext context, int code, string reason, string message) =>
        ScriptedApiServer.RespondAsync(context, code, ScriptedApiServer.StatusJson(code, reason, message));

    private static Task RespondAsync(HttpContext context, int code, JsonObject value) =>
        ScriptedApiServer.RespondAsync(context, code, value.ToJsonString());

    private sealed class Watcher(string plural, string? ns, bool bookmarks)
    {
        public Channel<string> Events { get; } = Channel.CreateUnbounded<string>();

        public CancellationTokenSource Drop { get; } = new();

        public bool Bookmarks => bookmarks;

        public bool Matches(string eventPlural, string eventNamespace) => eventPlural == plural && (ns is null || ns == eventNamespace);
    }
}

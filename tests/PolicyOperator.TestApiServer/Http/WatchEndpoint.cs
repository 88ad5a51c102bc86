using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PolicyOperator.Testing.ApiServer.Resources;
using PolicyOperator.Testing.ApiServer.Schema;
using PolicyOperator.Testing.ApiServer.Selectors;
using PolicyOperator.Testing.ApiServer.Storage;
using PolicyOperator.Testing.ApiServer.Tables;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>
/// Watch streams: newline-delimited watch events over a chunked response, from a resourceVersion
/// (an ERROR event with a 410 Expired Status when it is too old, as the real server sends it), or
/// from the current state as ADDED events; bookmarks when asked (periodic, and the
/// initial-events-end bookmark for sendInitialEvents); selectors with objects moving in and out;
/// timeoutSeconds; and drops injected by faults.
/// </summary>
internal sealed class WatchEndpoint(ObjectStore store, TestApiServerOptions options)
{
    public async Task HandleAsync(HttpContext context, ResourceDefinition resource, string? ns, string? name)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], resource);
        var bookmarks = query["allowWatchBookmarks"] is ["true"] or ["1"];
        var sendInitialEvents = query["sendInitialEvents"].ToString();
        if (sendInitialEvents == "true" && (!bookmarks || query["resourceVersionMatch"] != "NotOlderThan"))
        {
            throw new ApiException(422, "Invalid", "ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: sendInitialEvents requires setting allowWatchBookmarks=true and resourceVersionMatch=NotOlderThan");
        }

        var rvText = query["resourceVersion"].ToString();
        long? from = null;
        if (sendInitialEvents != "true" && rvText is { Length: > 0 } and not "0")
        {
            from = long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var rv) && rv > 0
                ? rv
                : throw ApiException.BadRequest($"invalid resource version: \"{rvText}\"");
        }
        else if (sendInitialEvents == "false")
        {
            from = store.Revision;
        }

        bool Selected(JsonObject obj) => labels.Matches(obj) && fields.Matches(obj)
            && (name is null || JsonNodes.AsString(obj["metadata"]?["name"]) == name);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        WatchSubscription subscription;
        try
        {
            subscription = store.Watch(resource.GroupResource, ns, from, initialEventsEndBookmark: sendInitialEvents == "true");
        }
        catch (ApiException e) when (e.Code == 410)
        {
            await WriteLineAsync(context, new JsonObject { ["type"] = "ERROR", ["object"] = Responses.Status(e) }).ConfigureAwait(false);
            return;
        }

        using (subscription)
        {
            var timeout = long.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < options.MaxWatchTimeout.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : options.MaxWatchTimeout;

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, subscription.Dropped);
            stop.CancelAfter(timeout);
            await context.Response.StartAsync(stop.Token).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
            var bookmarkLoop = bookmarks ? SendBookmarksAsync(subscription, stop.Token) : Task.CompletedTask;
            try
            {
                var asTable = context.Request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));
                var first = true;
                await foreach (var item in subscription.Items.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    var line = item.Event is { } e ? ToWatchEvent(resource, e, Selected) : bookmarks ? Bookmark(resource, item) : null;
                    if (line is not null && asTable && line["type"]!.GetValue<string>() is not "BOOKMARK")
                    {
                        // kubectl get --watch asks for tables: one row per event, column definitions on the first.
                        var obj = line["object"]!.AsObject();
                        var table = TableWriter.Create(resource, [obj], JsonNodes.AsString(obj["metadata"]?["resourceVersion"]) ?? "0", null, query["includeObject"], options.Time.GetUtcNow());
                        if (!first)
                        {
                            table["columnDefinitions"] = new JsonArray();
                        }

                        line["object"] = table;
                        first = false;
                    }

                    if (line is not null)
                    {
                        await WriteLineAsync(context, line).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Timeout, client gone, or dropped by a fault: the stream ends here.
            }
            catch (IOException)
            {
                // The client closed the connection.
            }

            await stop.CancelAsync().ConfigureAwait(false);
            await bookmarkLoop.ConfigureAwait(false);
            if (subscription.AbortConnection)
            {
                context.Abort();
            }
        }
    }

    private async Task SendBookmarksAsync(WatchSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(options.BookmarkInterval, options.Time, cancellationToken).ConfigureAwait(false);
                store.Bookmark(subscription);
            }
        }
        catch (OperationCanceledException)
        {
            // The watch ended.
        }
    }

    private static JsonObject? ToWatchEvent(ResourceDefinition resource, StoredEvent e, Func<JsonObject, bool> selected)
    {
        var now = selected(e.Object);
        var before = e.Previous is not null && selected(e.Previous);
        var (type, obj) = e.Type switch
        {
            WatchEventType.Added when now => ("ADDED", e.Object),
            WatchEventType.Modified when now && before => ("MODIFIED", e.Object),
            WatchEventType.Modified when now => ("ADDED", e.Object),
            WatchEventType.Modified when before => ("DELETED", WithVersion(e.Previous!, e.Object)),
            WatchEventType.Deleted when now => ("DELETED", e.Object),
            _ => (null, null),
        };
        if (type is null || obj is null)
        {
            return null;
        }

        var copy = obj.DeepClone().AsObject();
        copy["apiVersion"] = resource.GroupVersion;
        copy["kind"] = resource.Kind;
        return new JsonObject { ["type"] = type, ["object"] = copy };
    }

    private static JsonObject WithVersion(JsonObject previous, JsonObject current)
    {
        var copy = previous.DeepClone().AsObject();
        copy["metadata"]!["resourceVersion"] = current["metadata"]?["resourceVersion"]?.DeepClone();
        return copy;
    }

    private static JsonObject Bookmark(ResourceDefinition resource, WatchItem item)
    {
        var metadata = new JsonObject { ["resourceVersion"] = item.BookmarkRevision.ToString(CultureInfo.InvariantCulture) };
        if (item.InitialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject
        {
            ["type"] = "BOOKMARK",
            ["object"] = new JsonObject { ["kind"] = resource.Kind, ["apiVersion"] = resource.GroupVersion, ["metadata"] = metadata },
        };
    }

    private static async Task WriteLineAsync(HttpContext context, JsonObject line)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, Responses.Json);
        var body = context.Response.Body;
        await body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        await body.WriteAsync("\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PolicyOperator.Testing.ApiServer.Patching;
using PolicyOperator.Testing.ApiServer.Resources;
using PolicyOperator.Testing.ApiServer.Schema;
using PolicyOperator.Testing.ApiServer.Selectors;
using PolicyOperator.Testing.ApiServer.Storage;
using PolicyOperator.Testing.ApiServer.Tables;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>
/// The REST verbs on resources: get, list (selectors, paging, resourceVersion semantics, tables),
/// create, update, patch (JSON, merge, strategic, apply), delete and deletecollection, on the main
/// resource and the status subresource. Watches go to <see cref="WatchEndpoint"/>.
/// </summary>
internal sealed class ResourceEndpoints(ObjectStore store, ResourceRegistry registry, WatchEndpoint watch, TestApiServerOptions options)
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private readonly ServerSideApply _apply = new();

    public async Task HandleAsync(HttpContext context, RequestInfo info)
    {
        var resource = registry.Find(info.Group, info.Version, info.Resource)
            ?? throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        if ((info.Namespace is not null && !resource.Namespaced) || (info.Subresource is not null && (info.Subresource != "status" || !resource.HasStatus)))
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }

        var query = context.Request.Query;
        var method = context.Request.Method;
        var isWatch = info.LegacyWatch || query["watch"] is ["true"] or ["1"];
        var ns = resource.Namespaced ? info.Namespace : null;
        switch (method)
        {
            case "GET" when isWatch:
                await watch.HandleAsync(context, resource, ns, info.Name).ConfigureAwait(false);
                return;
            case "GET" when info.Name is null:
                await ListAsync(context, resource, ns).ConfigureAwait(false);
                return;
            case "GET":
                await GetAsync(context, resource, Required(ns, resource), info.Name).ConfigureAwait(false);
                return;
            case "POST" when info.Name is null:
                await CreateAsync(context, resource, Required(ns, resource)).ConfigureAwait(false);
                return;
            case "PUT" when info.Name is not null:
                await UpdateAsync(context, resource, Required(ns, resource), info.Name, info.Subresource).ConfigureAwait(false);
                return;
            case "PATCH" when info.Name is not null:
                await PatchAsync(context, resource, Required(ns, resource), info.Name, info.Subresource).ConfigureAwait(false);
                return;
            case "DELETE" when info.Name is not null:
                await DeleteAsync(context, resource, Required(ns, resource), info.Name).ConfigureAwait(false);
                return;
            case "DELETE":
                await DeleteCollectionAsync(context, resource, ns).ConfigureAwait(false);
                return;
            default:
                throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource: {method}");
        }
    }

    private static string Required(string? ns, ResourceDefinition resource) =>
        resource.Namespaced
            ? ns ?? throw new ApiException(404, "NotFound", "the server could not find the requested resource (a namespaced resource needs a namespace in the path)")
            : string.Empty;

    private async Task GetAsync(HttpContext context, ResourceDefinition resource, string ns, string name)
    {
        var obj = store.Get(resource.GroupResource, ns, name) ?? throw ApiException.NotFound(resource.GroupResource, name);
        Output(resource, obj);
        if (WantsTable(context))
        {
            var table = TableWriter.Create(resource, [obj], JsonNodes.AsString(obj["metadata"]?["resourceVersion"]) ?? "0", null, context.Request.Query["includeObject"], options.Time.GetUtcNow());
            await Responses.WriteJsonAsync(context, 200, table).ConfigureAwait(false);
            return;
        }

        await Responses.WriteJsonAsync(context, 200, obj).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext context, ResourceDefinition resource, string? ns)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], resource);
        var limit = ParseLong(query["limit"], "limit") ?? 0;
        var token = query["continue"] is [{ Length: > 0 } c] ? ContinueToken.Decode(c) : null;
        long? at = null;
        if (token is not null)
        {
            at = token.Revision;
            if (at < store.CompactedRevision)
            {
                throw ApiException.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }
        }
        else if (ParseLong(query["resourceVersion"], "resourceVersion") is { } rv and > 0)
        {
            var match = query["resourceVersionMatch"].ToString();
            if (match == "Exact")
            {
                at = rv;
            }
            else if (rv > store.Revision)
            {
                throw new ApiException(504, "Timeout", $"Too large resource version: {rv}, current: {store.Revision}", retryAfter: TimeSpan.FromSeconds(1));
            }
        }

        var (all, revision) = store.List(resource.GroupResource, ns, at);
        var matching = all.Where(o => labels.Matches(o) && fields.Matches(o));
        if (token is not null)
        {
            matching = matching.Where(o => string.CompareOrdinal(Key(o), token.After) > 0);
        }

        var items = matching.ToList();
        string? next = null;
        long? remaining = null;
        if (limit > 0 && items.Count > limit)
        {
            remaining = items.Count - limit;
            items = items.Take((int)limit).ToList();
            next = new ContinueToken(revision, Key(items[^1])).Encode();
        }

        foreach (var item in items)
        {
            Output(resource, item);
        }

        var version = revision.ToString(CultureInfo.InvariantCulture);
        if (WantsTable(context))
        {
            await Responses.WriteJsonAsync(context, 200, TableWriter.Create(resource, items, version, next, query["includeObject"], options.Time.GetUtcNow())).ConfigureAwait(false);
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = version };
        if (next is not null)
        {
            metadata["continue"] = next;
            metadata["remainingItemCount"] = remaining;
        }

        var list = new JsonObject
        {
            ["kind"] = resource.ListKind,
            ["apiVersion"] = resource.GroupVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray([.. items]),
        };
        await Responses.WriteJsonAsync(context, 200, list).ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext context, ResourceDefinition resource, string ns)
    {
        var obj = await RequestBodies.ReadObjectAsync(context).ConfigureAwait(false);
        ObjectAdmission.CheckType(resource, obj);
        var metadata = obj["metadata"]!.AsObject();
        var bodyNamespace = JsonNodes.AsString(metadata["namespace"]);
        if (resource.Namespaced && bodyNamespace is { Length: > 0 } && bodyNamespace != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if (JsonNodes.AsString(metadata["name"]) is not { Length: > 0 } && JsonNodes.AsString(metadata["generateName"]) is { Length: > 0 } prefix)
        {
            metadata["name"] = prefix + string.Concat(Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)]));
        }

        var name = JsonNodes.AsString(metadata["name"]) ?? string.Empty;
        var warnings = new List<string>();
        var dryRun = IsDryRun(context);
        RequireNamespace(resource, ns);
        var created = store.Write(resource.GroupResource, ns, name, current =>
        {
            if (current is not null)
            {
                throw ApiException.AlreadyExists(resource.GroupResource, name);
            }

            var desired = ObjectAdmission.ApplySubresourceRules(resource, obj, null, null);
            ObjectAdmission.Admit(resource, desired, FieldValidation(context), warnings, options.Time.GetUtcNow());
            return desired;
        }, dryRun);
        AfterWrite(resource, created, dryRun);
        Output(resource, created);
        AddWarnings(context, warnings);
        await Responses.WriteJsonAsync(context, 201, created).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context, ResourceDefinition resource, string ns, string name, string? subresource)
    {
        var obj = await RequestBodies.ReadObjectAsync(context).ConfigureAwait(false);
        ObjectAdmission.CheckType(resource, obj);
        var bodyName = JsonNodes.AsString(obj["metadata"]!["name"]);
        if (bodyName is { Length: > 0 } && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var warnings = new List<string>();
        var dryRun = IsDryRun(context);
        var updated = store.Write(resource.GroupResource, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(resource.GroupResource, name);
            }

            return Admit(resource, obj, current, subresource, context, warnings);
        }, dryRun);
        AfterWrite(resource, updated, dryRun);
        Output(resource, updated);
        AddWarnings(context, warnings);
        await Responses.WriteJsonAsync(context, 200, updated).ConfigureAwait(false);
    }

    private async Task PatchAsync(HttpContext context, ResourceDefinition resource, string ns, string name, string? subresource)
    {
        var contentType = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim();
        var patch = await RequestBodies.ReadAsync(context).ConfigureAwait(false);
        var manager = context.Request.Query["fieldManager"].ToString();
        var isApply = contentType == "application/apply-patch+yaml";
        if (isApply && manager.Length == 0)
        {
            throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        var key = $"{resource.GroupResource}/{ns}/{name}";
        var warnings = new List<string>();
        var dryRun = IsDryRun(context);
        if (isApply)
        {
            if (patch is not JsonObject applied)
            {
                throw ApiException.BadRequest("an apply patch must be an object");
            }

            ObjectAdmission.CheckType(resource, applied);
            if (store.Get(resource.GroupResource, ns, name) is null)
            {
                RequireNamespace(resource, ns);
            }
        }

        var result = store.Write(resource.GroupResource, ns, name, current =>
        {
            if (current is null && !isApply)
            {
                throw ApiException.NotFound(resource.GroupResource, name);
            }

            var patched = contentType switch
            {
                "application/json-patch+json" => JsonPatch.Apply(current!, patch),
                "application/merge-patch+json" => MergePatch.Apply(current, patch),
                "application/strategic-merge-patch+json" when resource.IsCustom =>
                    throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"),
                "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(current, patch),
                "application/apply-patch+yaml" => _apply.Merge(key, manager, current, (JsonObject)patch),
                _ => throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got \"{contentType}\")"),
            } as JsonObject ?? throw ApiException.BadRequest("the patch did not produce an object");
            ObjectAdmission.CheckType(resource, patched);
            patched["metadata"]!["name"] = name;
            if (current is null)
            {
                var desired = ObjectAdmission.ApplySubresourceRules(resource, patched, null, null);
                ObjectAdmission.Admit(resource, desired, FieldValidation(context), warnings, options.Time.GetUtcNow());
                return desired;
            }

            if (!isApply && contentType != "application/json-patch+json")
            {
                // A patch that does not mention resourceVersion must not fail on the one it inherited.
                if (patch["metadata"]?["resourceVersion"] is null)
                {
                    patched["metadata"]!.AsObject().Remove("resourceVersion");
                }
            }
            else if (isApply)
            {
                patched["metadata"]!.AsObject().Remove("resourceVersion");
            }

            return Admit(resource, patched, current, subresource, context, warnings);
        }, dryRun);
        if (isApply && !dryRun)
        {
            _apply.Remember(key, manager, (JsonObject)patch);
        }

        AfterWrite(resource, result, dryRun);
        Output(resource, result);
        AddWarnings(context, warnings);
        await Responses.WriteJsonAsync(context, 200, result).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context, ResourceDefinition resource, string ns, string name)
    {
        var deleteOptions = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
            ? await RequestBodies.ReadObjectAsync(context).ConfigureAwait(false)
            : [];
        var propagation = JsonNodes.AsString(deleteOptions["propagationPolicy"]) ?? context.Request.Query["propagationPolicy"].ToString();
        var dryRun = IsDryRun(context) || deleteOptions["dryRun"] is JsonArray { Count: > 0 };
        var deleted = store.Delete(
            resource.GroupResource, ns, name,
            JsonNodes.AsString(deleteOptions["preconditions"]?["uid"]),
            JsonNodes.AsString(deleteOptions["preconditions"]?["resourceVersion"]),
            orphanDependents: propagation == "Orphan",
            dryRun: dryRun);
        if (!dryRun)
        {
            AfterDelete(resource, ns, name, deleted);
        }

        Output(resource, deleted);
        await Responses.WriteJsonAsync(context, 200, deleted).ConfigureAwait(false);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourceDefinition resource, string? ns)
    {
        var labels = LabelSelector.Parse(context.Request.Query["labelSelector"]);
        var fields = FieldSelector.Parse(context.Request.Query["fieldSelector"], resource);
        var dryRun = IsDryRun(context);
        var deleted = new JsonArray();
        foreach (var item in store.List(resource.GroupResource, ns).Items.Where(o => labels.Matches(o) && fields.Matches(o)))
        {
            var itemNs = JsonNodes.AsString(item["metadata"]?["namespace"]) ?? string.Empty;
            var itemName = JsonNodes.AsString(item["metadata"]?["name"])!;
            try
            {
                var gone = store.Delete(resource.GroupResource, itemNs, itemName, dryRun: dryRun);
                if (!dryRun)
                {
                    AfterDelete(resource, itemNs, itemName, gone);
                }

                Output(resource, gone);
                deleted.Add(gone);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted meanwhile (for example with its owner): nothing left to do.
            }
        }

        var list = new JsonObject
        {
            ["kind"] = resource.ListKind,
            ["apiVersion"] = resource.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = store.Revision.ToString(CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        };
        await Responses.WriteJsonAsync(context, 200, list).ConfigureAwait(false);
    }

    private JsonObject Admit(ResourceDefinition resource, JsonObject desired, JsonObject current, string? subresource, HttpContext context, List<string> warnings)
    {
        var result = ObjectAdmission.ApplySubresourceRules(resource, desired, current, subresource);
        if (resource.GroupResource == CustomResourceDefinitions.GroupResource)
        {
            foreach (var field in new[] { "group", "names.plural", "scope" })
            {
                var before = SimpleJsonPath.Evaluate(current, ".spec." + field).FirstOrDefault();
                var after = SimpleJsonPath.Evaluate(result, ".spec." + field).FirstOrDefault();
                if (!JsonNode.DeepEquals(before, after))
                {
                    throw ApiException.Invalid(resource.Kind, resource.Group, JsonNodes.AsString(current["metadata"]?["name"]) ?? string.Empty,
                        [new FieldError("spec." + field, FieldErrorType.Invalid, "field is immutable", after?.DeepClone())]);
                }
            }
        }

        ObjectAdmission.Admit(resource, result, FieldValidation(context), warnings, options.Time.GetUtcNow());
        return result;
    }

    private void RequireNamespace(ResourceDefinition resource, string ns)
    {
        if (!resource.Namespaced || !options.RequireNamespaces)
        {
            return;
        }

        var namespaceObject = store.Get("namespaces", string.Empty, ns) ?? throw ApiException.NotFound("namespaces", ns);
        if (namespaceObject["metadata"]?["deletionTimestamp"] is not null)
        {
            throw new ApiException(403, "Forbidden", $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    private void AfterWrite(ResourceDefinition resource, JsonObject stored, bool dryRun)
    {
        if (!dryRun && resource.GroupResource == CustomResourceDefinitions.GroupResource)
        {
            var spec = stored["spec"]!;
            registry.ReplaceCustom(JsonNodes.AsString(spec["group"])!, JsonNodes.AsString(spec["names"]?["plural"])!, CustomResourceDefinitions.ToDefinitions(stored));
        }
    }

    private void AfterDelete(ResourceDefinition resource, string ns, string name, JsonObject deleted)
    {
        if (deleted["metadata"]?["deletionTimestamp"] is not null && deleted["metadata"]?["finalizers"] is JsonArray { Count: > 0 })
        {
            return;
        }

        _apply.Forget($"{resource.GroupResource}/{ns}/{name}");
        if (resource.GroupResource == CustomResourceDefinitions.GroupResource)
        {
            var group = JsonNodes.AsString(deleted["spec"]?["group"])!;
            var plural = JsonNodes.AsString(deleted["spec"]?["names"]?["plural"])!;
            registry.ReplaceCustom(group, plural, []);
            store.RemoveAll($"{plural}.{group}");
            store.DropWatches(groupResource: $"{plural}.{group}");
        }
    }

    /// <summary>Objects leave the server in the version they were asked for.</summary>
    private static void Output(ResourceDefinition resource, JsonObject obj)
    {
        obj["apiVersion"] = resource.GroupVersion;
        obj["kind"] = resource.Kind;
    }

    private static string Key(JsonObject obj) =>
        $"{JsonNodes.AsString(obj["metadata"]?["namespace"])}/{JsonNodes.AsString(obj["metadata"]?["name"])}";

    private static bool WantsTable(HttpContext context) =>
        context.Request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));

    private static bool IsDryRun(HttpContext context) => context.Request.Query["dryRun"] is [{ Length: > 0 }];

    private static string FieldValidation(HttpContext context) =>
        context.Request.Query["fieldValidation"] is [{ Length: > 0 } v] ? v : "Warn";

    private static void AddWarnings(HttpContext context, List<string> warnings)
    {
        foreach (var warning in warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }

    private static long? ParseLong(string? text, string name) =>
        string.IsNullOrEmpty(text)
            ? null
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw ApiException.BadRequest($"invalid {name}: \"{text}\" is not a non-negative integer");
}

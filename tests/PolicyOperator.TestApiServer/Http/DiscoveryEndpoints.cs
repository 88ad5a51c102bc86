using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PolicyOperator.Testing.ApiServer.Resources;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>
/// Discovery, built from the registry so that a CRD appears as soon as it is created: aggregated
/// (apidiscovery.k8s.io/v2 on <c>/api</c> and <c>/apis</c>, for clients that ask for it, as kubectl
/// does) and legacy (<c>/version</c>, <c>/api</c>, <c>/api/v1</c>, <c>/apis</c>,
/// <c>/apis/{group}</c>, <c>/apis/{group}/{version}</c>).
/// </summary>
internal sealed class DiscoveryEndpoints(ResourceRegistry registry)
{
    private const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>Answers a discovery path; false when the path is not one.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, string path)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["apis", _, _, _, ..] or ["api", _, _, ..])
        {
            return false;
        }

        if (parts is ["api"] or ["apis"] && WantsAggregated(context))
        {
            var groups = parts is ["api"] ? [string.Empty] : GroupNames();
            await Responses.WriteJsonAsync(context, 200, Aggregated(groups), AggregatedContentType).ConfigureAwait(false);
            return true;
        }

        JsonObject? document = parts switch
        {
            ["version"] => Version(),
            ["api"] => new JsonObject
            {
                ["kind"] = "APIVersions",
                ["versions"] = new JsonArray("v1"),
                ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = context.Request.Host.Value }),
            },
            ["api", "v1"] => ResourceList(string.Empty, "v1"),
            ["apis"] => GroupList(),
            ["apis", var group] => Group(group),
            ["apis", var group, var version] => ResourceList(group, version),
            _ => null,
        };
        if (document is null)
        {
            if (parts is ["apis", ..] or ["api", ..])
            {
                throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            }

            return false;
        }

        await Responses.WriteJsonAsync(context, 200, document).ConfigureAwait(false);
        return true;
    }

    private static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "35",
        ["gitVersion"] = "v1.35.0-policyoperator-testapiserver",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "n/a",
        ["compiler"] = "dotnet",
        ["platform"] = "linux/amd64",
    };

    private JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var group in GroupNames())
        {
            groups.Add(GroupBody(group));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    private JsonObject? Group(string group)
    {
        var body = GroupNames().Contains(group) ? GroupBody(group) : null;
        if (body is null)
        {
            return null;
        }

        body["kind"] = "APIGroup";
        body["apiVersion"] = "v1";
        return body;
    }

    private JsonObject GroupBody(string group)
    {
        var versions = registry.All.Where(r => r.Group == group).Select(r => r.Version).Distinct().ToList();
        var versionList = new JsonArray();
        foreach (var version in versions)
        {
            versionList.Add(new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version });
        }

        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = versionList,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private List<string> GroupNames() => registry.All.Where(r => r.Group.Length > 0).Select(r => r.Group).Distinct().ToList();

    private JsonObject? ResourceList(string group, string version)
    {
        var resources = registry.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (resources.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var resource in resources)
        {
            var entry = new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Singular,
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = new JsonArray([.. Verbs.Select(v => (JsonNode)v)]),
            };
            if (resource.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray([.. resource.ShortNames.Select(s => (JsonNode)s)]);
            }

            if (resource.Categories.Count > 0)
            {
                entry["categories"] = new JsonArray([.. resource.Categories.Select(s => (JsonNode)s)]);
            }

            list.Add(entry);
            if (resource.HasStatus)
            {
                list.Add(new JsonObject
                {
                    ["name"] = resource.Plural + "/status",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = resource.Namespaced,
                    ["kind"] = resource.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }

    private static bool WantsAggregated(HttpContext context) =>
        context.Request.Headers.Accept.SelectMany(a => (a ?? string.Empty).Split(','))
            .Any(a => a.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) && a.Contains("v=v2", StringComparison.Ordinal)
                && !a.Contains("v=v2beta1", StringComparison.Ordinal) && a.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal));

    private JsonObject Aggregated(IEnumerable<string> groups)
    {
        var items = new JsonArray();
        var all = registry.All;
        foreach (var group in groups)
        {
            var versions = new JsonArray();
            foreach (var version in all.Where(r => r.Group == group).Select(r => r.Version).Distinct())
            {
                var resources = new JsonArray();
                foreach (var resource in all.Where(r => r.Group == group && r.Version == version))
                {
                    var kind = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = resource.Kind };
                    var entry = new JsonObject
                    {
                        ["resource"] = resource.Plural,
                        ["responseKind"] = kind,
                        ["scope"] = resource.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = resource.Singular,
                        ["verbs"] = new JsonArray([.. Verbs.Select(v => (JsonNode)v)]),
                    };
                    if (resource.ShortNames.Count > 0)
                    {
                        entry["shortNames"] = new JsonArray([.. resource.ShortNames.Select(n => (JsonNode)n)]);
                    }

                    if (resource.Categories.Count > 0)
                    {
                        entry["categories"] = new JsonArray([.. resource.Categories.Select(c => (JsonNode)c)]);
                    }

                    if (resource.HasStatus)
                    {
                        entry["subresources"] = new JsonArray(new JsonObject
                        {
                            ["subresource"] = "status",
                            ["responseKind"] = kind.DeepClone(),
                            ["verbs"] = new JsonArray("get", "patch", "update"),
                        });
                    }

                    resources.Add(entry);
                }

                versions.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }

            items.Add(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = group, ["creationTimestamp"] = null },
                ["versions"] = versions,
            });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Api;
using PolicyOperator.Engine.Cilium;

namespace PolicyOperator.Engine.Reporting.Export;

/// <summary>
/// Turns <see cref="FqdnEgressSuggestion"/>s into CiliumNetworkPolicies (cilium.io/v2), one per workload:
/// its pod selector, a DNS rule to kube-dns with the DNS proxy rule (Cilium learns the addresses of
/// <c>toFQDNs</c> names only from the answers its proxy sees), one <c>toFQDNs</c> rule per port set, and
/// <c>toCIDR</c> rules for endpoints reached without a name. A workload without a recorded selector is
/// listed in <see cref="Skipped"/> instead: an empty selector would select every pod of the namespace. Pure; returns JSON.
/// </summary>
/// <param name="Policies">The policies, in the suggestions' order.</param>
/// <param name="Skipped">The workloads left out, each with the reason.</param>
public sealed record CiliumFqdnPolicies(IReadOnlyList<JsonObject> Policies, IReadOnlyList<string> Skipped)
{
    private const string DnsNamespace = "kube-system";
    private const string DnsAppLabel = "kube-dns";

    public static CiliumFqdnPolicies Build(IReadOnlyList<FqdnEgressSuggestion> suggestions)
    {
        var policies = new List<JsonObject>();
        var skipped = new List<string>();
        foreach (var suggestion in suggestions)
        {
            if (suggestion.Selector is not { IsEmpty: false } selector)
            {
                skipped.Add($"{suggestion.Workload}: no pod selector recorded; write its policy by hand");
                continue;
            }

            var egress = new JsonArray
            {
                new JsonObject
                {
                    ["toEndpoints"] = new JsonArray(new JsonObject
                    {
                        ["matchLabels"] = new JsonObject { ["k8s:io.kubernetes.pod.namespace"] = DnsNamespace, ["k8s:k8s-app"] = DnsAppLabel },
                    }),
                    ["toPorts"] = new JsonArray(new JsonObject
                    {
                        ["ports"] = new JsonArray(new JsonObject { ["port"] = "53", ["protocol"] = "ANY" }),
                        ["rules"] = new JsonObject { ["dns"] = new JsonArray(new JsonObject { ["matchPattern"] = "*" }) },
                    }),
                },
            };
            foreach (var rule in suggestion.Rules)
            {
                egress.Add(new JsonObject
                {
                    ["toFQDNs"] = new JsonArray([.. rule.Names.Select(n => new JsonObject { ["matchName"] = n })]),
                    ["toPorts"] = ToPorts(rule.Ports),
                });
            }

            foreach (var cidr in suggestion.UnnamedCidrs)
            {
                egress.Add(new JsonObject { ["toCIDR"] = new JsonArray(JsonValue.Create(cidr.Cidr)), ["toPorts"] = ToPorts(cidr.Ports) });
            }

            policies.Add(new JsonObject
            {
                ["apiVersion"] = CiliumPolicyBuilder.ApiVersion,
                ["kind"] = CiliumPolicyBuilder.Kind,
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"{suggestion.Workload.Name}-egress-fqdn".ToLowerInvariant(),
                    ["namespace"] = suggestion.Workload.Namespace ?? "default",
                },
                ["spec"] = new JsonObject
                {
                    ["endpointSelector"] = JsonSerializer.SerializeToNode(selector, ApiJson.Options),
                    ["egress"] = egress,
                },
            });
        }

        return new CiliumFqdnPolicies(policies, skipped);
    }

    private static JsonArray ToPorts(IReadOnlyList<PortProtocol> ports) =>
        new(new JsonObject
        {
            ["ports"] = new JsonArray([.. ports.Select(p => new JsonObject { ["port"] = p.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["protocol"] = p.Protocol })]),
        });
}

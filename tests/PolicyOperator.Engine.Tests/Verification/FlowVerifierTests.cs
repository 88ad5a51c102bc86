using System.Net;
using FluentAssertions;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Verification;
using Xunit;

namespace PolicyOperator.Engine.Tests.Verification;

public sealed class FlowVerifierTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(60_000)]
    public void Denied_flows_are_exactly_those_the_policies_deny_in_input_order_for_small_and_large_sets(int count)
    {
        // Pods app-0..app-9; each may receive TCP only on port 8000 + its index, from anyone.
        var pods = Enumerable.Range(0, 10).Select(i => FlowEndpoint.ForPod(new PodEndpoint
        {
            Namespace = "shop",
            Name = $"app-{i}",
            Labels = new Dictionary<string, string> { ["app"] = $"app-{i}" },
            NamespaceLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "shop" },
            Ip = IPAddress.Parse($"10.0.0.{i + 1}"),
        })).ToArray();
        var policies = new PolicySet(Enumerable.Range(0, 10).Select(i => new NetworkPolicy
        {
            Metadata = new ObjectMeta { Name = $"app-{i}", Namespace = "shop" },
            Spec = new NetworkPolicySpec
            {
                PodSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = $"app-{i}" } },
                PolicyTypes = ["Ingress"],
                Ingress = [new NetworkPolicyIngressRule { Ports = [new NetworkPolicyPort { Protocol = "TCP", Port = 8000 + i }] }],
            },
        }));
        var random = new Random(7);
        var flows = Enumerable.Range(0, count).Select(n =>
        {
            var destination = random.Next(10);
            var port = random.Next(3) == 0 ? 9999 : 8000 + destination;
            return new ObservedFlow(
                new Flow(pods[random.Next(10)], pods[destination], "TCP", port),
                new EntryOrigin("shop/traffic", "egress", n),
                new TrafficEntry { Peer = new TrafficPeer { Type = PeerType.External }, Protocol = "TCP", Port = port, FirstSeen = DateTimeOffset.UnixEpoch, LastSeen = DateTimeOffset.UnixEpoch });
        }).ToList();

        var result = FlowVerifier.Verify(policies, new ObservedFlowSet(flows, []));

        var expected = flows.Where(f => f.Flow.Port == 9999).Select(f => f.Origin.Index).ToList();
        result.Flows.Should().Be(count);
        result.Denied.Select(d => d.Observed.Origin.Index).Should().Equal(expected);
        result.Denied.Should().OnlyContain(d => !d.Verdict.Allowed);
    }
}

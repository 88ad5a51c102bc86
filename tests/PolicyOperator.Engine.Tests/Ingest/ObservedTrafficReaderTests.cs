using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Traffic;
using Xunit;

namespace PolicyOperator.Engine.Tests.Ingest;

public sealed class ObservedTrafficReaderTests
{
    private const string Traffic = """
        apiVersion: policyoperator.io/v1alpha1
        kind: ObservedTraffic
        metadata: {name: web-node1, namespace: shop}
        spec:
          node: node1
          workload:
            kind: Deployment
            name: web
            namespace: shop
            selector: {matchLabels: {app: web}}
          window: {start: "2026-01-01T00:00:00Z", end: "2026-01-01T01:00:00Z"}
          egress:
          - peer:
              type: Service
              service: {name: db, namespace: shop, selector: {app: db}}
            protocol: TCP
            port: 5432
            servicePort: 5432
            connections: 3
            firstSeen: "2026-01-01T00:00:01Z"
            lastSeen: "2026-01-01T00:10:00Z"
          - peer:
              type: External
              external: {cidr: 203.0.113.7/32, dnsNames: [api.example.com]}
            protocol: TCP
            port: 443
            firstSeen: "2026-01-01T00:00:01Z"
            lastSeen: "2026-01-01T00:10:00Z"
        """;

    [Fact]
    public void Parse_reads_observed_traffic_with_its_peers()
    {
        var traffic = ObservedTrafficReader.Parse(Traffic, "t.yaml").Single();

        traffic.Spec.Workload.Selector!.MatchLabels.Should().Contain("app", "web");
        traffic.Spec.Egress.Should().HaveCount(2);
        traffic.Spec.Egress[0].Peer.Type.Should().Be(PeerType.Service);
        traffic.Spec.Egress[0].Peer.Service!.Selector.Should().Contain("app", "db");
        traffic.Spec.Egress[1].Peer.External!.DnsNames.Should().Equal("api.example.com");
        traffic.Spec.Window.End.Should().Be(DateTimeOffset.Parse("2026-01-01T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_reads_a_json_list_of_observed_traffic()
    {
        var one = ObservedTrafficReader.Parse(Traffic, "t.yaml").Single();
        var json = System.Text.Json.JsonSerializer.Serialize(one, PolicyOperator.Api.ApiJson.Options);

        var list = ObservedTrafficReader.Parse($$"""{"apiVersion":"v1","kind":"List","items":[{{json}},{{json}}]}""", "t.json");

        list.Should().HaveCount(2);
        list[1].Spec.Egress[1].Port.Should().Be(443);
    }

    [Fact]
    public void A_document_of_another_kind_is_an_error_naming_it()
    {
        var act = () => ObservedTrafficReader.Parse(Traffic + "\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: x}\n", "t.yaml");

        act.Should().Throw<InvalidInputException>()
            .WithMessage("t.yaml:30 (record 2): expected policyoperator.io/v1alpha1 ObservedTraffic, found v1 Pod");
    }

    [Fact]
    public void A_missing_required_field_is_an_error_naming_the_object()
    {
        var act = () => ObservedTrafficReader.Parse(Traffic.Replace("  node: node1\n", string.Empty, StringComparison.Ordinal), "t.yaml");

        act.Should().Throw<InvalidInputException>().WithMessage("t.yaml:*ObservedTraffic shop/web-node1*node*");
    }
}

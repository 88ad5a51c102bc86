using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using PolicyOperator.Api;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Testing.ApiServer.Schema;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Crds;

public sealed class SampleTests
{
    public static TheoryData<string, string, Type> Samples => new()
    {
        { "ObservedTraffic", "policyoperator.io_observedtraffics.yaml", typeof(ObservedTraffic) },
        { "NetworkPolicyProposal", "policyoperator.io_networkpolicyproposals.yaml", typeof(NetworkPolicyProposal) },
        { "PolicyGenerator", "policyoperator.io_policygenerators.yaml", typeof(PolicyGenerator) },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_is_valid_against_its_crd_schema_without_unknown_fields(string kind, string crd, Type type)
    {
        _ = type;
        var sample = CrdFiles.Sample(kind);
        var schema = CrdFiles.Schema(crd);

        new SchemaValidator(rejectUnknownFields: true).Validate(sample, schema).Should().BeEmpty();
        sample["kind"]!.GetValue<string>().Should().Be(kind);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_round_trips_through_the_csharp_type_into_a_valid_object(string kind, string crd, Type type)
    {
        var sample = CrdFiles.Sample(kind);

        var typed = sample.Deserialize(ApiJson.Options.GetTypeInfo(type));
        var serialized = JsonSerializer.SerializeToNode(typed, ApiJson.Options.GetTypeInfo(type))!.AsObject();

        new SchemaValidator(rejectUnknownFields: true).Validate(serialized, CrdFiles.Schema(crd)).Should().BeEmpty();
        ContainsAll(serialized, sample).Should().BeTrue("every field of the sample survives the C# type");
    }

    [Fact]
    public void Proposal_sample_keeps_the_embedded_network_policy_unchanged()
    {
        var sample = CrdFiles.Sample("NetworkPolicyProposal");

        var proposal = (NetworkPolicyProposal)sample.Deserialize(ApiJson.Options.GetTypeInfo(typeof(NetworkPolicyProposal)))!;

        JsonNode.DeepEquals(proposal.Spec.Policies[0].Policy, sample["spec"]!["policies"]![0]!["policy"]).Should().BeTrue();
        proposal.Spec.Policies[0].Evidence.Should().HaveCount(2);
    }

    [Fact]
    public void Absent_fields_get_the_same_defaults_in_csharp_as_in_the_crd_schema()
    {
        var generator = (PolicyGenerator)JsonNode.Parse("""{"metadata":{"name":"g"},"spec":{"dns":{},"externalPeers":{}}}""")!
            .Deserialize(ApiJson.Options.GetTypeInfo(typeof(PolicyGenerator)))!;
        var schema = CrdFiles.Schema("policyoperator.io_policygenerators.yaml");
        var defaulted = JsonNode.Parse("""{"spec":{"dns":{},"externalPeers":{}}}""")!.AsObject();
        PolicyOperator.Testing.ApiServer.Schema.SchemaDefaulter.Apply(defaulted, schema);

        var serialized = JsonSerializer.SerializeToNode(generator.Spec, ApiJson.Options.GetTypeInfo(typeof(PolicyGeneratorSpec)))!;
        ContainsAll(serialized, defaulted["spec"]).Should().BeTrue($"C# defaults {serialized.ToJsonString()} include the schema defaults {defaulted["spec"]!.ToJsonString()}");
        generator.Spec.Mode.Should().Be(GeneratorMode.Propose);
        generator.Spec.ExternalPeers!.GroupingThreshold.Should().Be(16);
    }

    [Fact]
    public void Absent_lists_deserialize_as_empty_lists_not_null()
    {
        var sample = CrdFiles.Sample("ObservedTraffic");
        sample["spec"]!.AsObject().Remove("dnsQueries");
        sample["spec"]!.AsObject().Remove("ingress");

        var traffic = (ObservedTraffic)sample.Deserialize(ApiJson.Options.GetTypeInfo(typeof(ObservedTraffic)))!;

        traffic.Spec.Ingress.Should().NotBeNull().And.BeEmpty();
        traffic.Spec.DnsQueries.Should().NotBeNull().And.BeEmpty();
        traffic.Spec.Egress[1].Peer.External!.Addresses.Should().Be(1);
    }

    /// <summary>True when every value of <paramref name="expected"/> is in <paramref name="actual"/> (defaults may add more).</summary>
    private static bool ContainsAll(JsonNode? actual, JsonNode? expected) => expected switch
    {
        JsonObject e => actual is JsonObject a && e.All(p => a.ContainsKey(p.Key) && ContainsAll(a[p.Key], p.Value)),
        JsonArray e => actual is JsonArray a && a.Count == e.Count && e.Select((item, i) => ContainsAll(a[i], item)).All(x => x),
        JsonValue e when e.GetValueKind() == JsonValueKind.String && DateTimeOffset.TryParse(e.GetValue<string>(), out var time) && e.GetValue<string>().Contains('T', StringComparison.Ordinal) =>
            actual is JsonValue a && DateTimeOffset.TryParse(a.GetValue<string>(), out var other) && time == other,
        _ => JsonNode.DeepEquals(actual, expected),
    };
}

using System.Text.Json.Nodes;
using FluentAssertions;
using PolicyOperator.Ingest.Documents;
using Xunit;

namespace PolicyOperator.Cli.Tests;

public sealed class KubernetesYamlTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("kubernetes.io/metadata.name")]
    [InlineData("true")]
    [InlineData("No")]
    [InlineData("443")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("a: b")]
    [InlineData("a:b")]
    [InlineData("#comment")]
    [InlineData("x #y")]
    [InlineData("-x")]
    [InlineData("- x")]
    [InlineData("it's")]
    [InlineData("say \"hi\" it's")]
    [InlineData("two\nlines")]
    [InlineData("{\"203.0.113.7/32\":[\"api.example.com\"]}")]
    [InlineData("  leading")]
    [InlineData("trailing ")]
    [InlineData("é ünïcode")]
    public void Every_string_reads_back_as_the_same_string(string value)
    {
        var json = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["data"] = new JsonObject { ["key"] = value, [value.Length > 0 ? value : "empty"] = "k" } };

        var yaml = KubernetesYaml.Write(json);

        var read = KubernetesDocumentReader.Parse(yaml, "test.yaml").Should().ContainSingle().Subject.Json;
        read["data"]!["key"]!.GetValue<string>().Should().Be(value, yaml);
        read["data"]!.AsObject().Select(p => p.Key).Should().Contain(value.Length > 0 ? value : "empty");
    }

    [Fact]
    public void Keys_are_sorted_and_sequences_sit_at_their_parents_indentation_as_kubectl_prints_them()
    {
        var json = JsonNode.Parse("""{"spec":{"podSelector":{},"egress":[{"to":[{"ipBlock":{"cidr":"1.1.1.1/32"}}],"ports":[{"protocol":"TCP","port":80}]}],"policyTypes":["Egress"]},"kind":"NetworkPolicy","apiVersion":"networking.k8s.io/v1","metadata":{"name":"x"}}""")!;

        KubernetesYaml.Write(json).Should().Be("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: x
            spec:
              egress:
              - ports:
                - port: 80
                  protocol: TCP
                to:
                - ipBlock:
                    cidr: 1.1.1.1/32
              podSelector: {}
              policyTypes:
              - Egress

            """.Replace("\r", string.Empty, StringComparison.Ordinal));
    }
}

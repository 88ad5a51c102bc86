using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Networking;
using PolicyOperator.Ingest.Documents;
using Xunit;

namespace PolicyOperator.Engine.Tests.Ingest;

public sealed class KubernetesDocumentReaderTests
{
    [Fact]
    public void Parse_reads_every_yaml_document_and_types_unquoted_scalars()
    {
        const string yaml = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              labels:
                version: 1.10
                quoted: "80"
            spec:
              selector: {app: web}
              ports:
              - port: 80
                targetPort: http
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-0, namespace: shop}
            spec:
              hostNetwork: true
              containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]
            """;

        var documents = KubernetesDocumentReader.Parse(yaml, "in.yaml");

        documents.Select(d => d.Kind).Should().Equal("Service", "Pod");
        var service = documents[0].Deserialize<Service>();
        service.Spec.Ports![0].Port.Should().Be(80);
        service.Spec.Ports[0].TargetPort!.Value.Name.Should().Be("http");
        service.Metadata.Labels.Should().Contain("version", "1.10").And.Contain("quoted", "80");
        var pod = documents[1].Deserialize<Pod>();
        pod.Spec.HostNetwork.Should().BeTrue();
        pod.Spec.Containers[0].Ports![0].Number.Should().Be(8080);
        documents[1].Source.Line.Should().Be(16);
        documents[1].Source.Record.Should().Be(3);
    }

    [Fact]
    public void Parse_expands_lists_and_gives_typed_list_items_their_kind()
    {
        const string json = """
            {"kind": "PodList", "apiVersion": "v1", "items": [
              {"metadata": {"name": "a"}},
              {"metadata": {"name": "b"}}
            ]}
            {"kind": "List", "apiVersion": "v1", "items": [{"kind": "Namespace", "apiVersion": "v1", "metadata": {"name": "x"}}]}
            """;

        var documents = KubernetesDocumentReader.Parse(json, "in.json");

        documents.Select(d => (d.Kind, d.DisplayName)).Should().Equal(("Pod", "a"), ("Pod", "b"), ("Namespace", "x"));
        documents[2].Source.Line.Should().Be(5);
    }

    [Fact]
    public void Parse_reads_a_yaml_list_and_keeps_each_item_line()
    {
        const string yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Namespace
              metadata: {name: a}
            - apiVersion: v1
              kind: Namespace
              metadata: {name: b}
            """;

        var documents = KubernetesDocumentReader.Parse(yaml, "list.yaml");

        documents.Select(d => d.Source.ToString()).Should().Equal("list.yaml:4 (record 1)", "list.yaml:7 (record 2)");
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_file_and_line()
    {
        var act = () => KubernetesDocumentReader.Parse("kind: Pod\nmetadata:\n  name: [unclosed\n", "bad.yaml");

        act.Should().Throw<InvalidInputException>().WithMessage("bad.yaml:*invalid YAML*")
            .Which.Source.Line.Should().BeGreaterThan(1);
    }

    [Fact]
    public void Invalid_json_is_reported_with_file_line_and_record()
    {
        var act = () => KubernetesDocumentReader.Parse("{\"kind\": \"Pod\"}\n{\"kind\": }\n", "bad.json");

        act.Should().Throw<InvalidInputException>().WithMessage("bad.json:2 (record 2): invalid JSON*");
    }

    [Fact]
    public void A_field_of_the_wrong_type_is_reported_with_its_path_and_line()
    {
        const string yaml = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: n}
            spec:
              podSelector: {}
              ingress:
              - ports:
                - port: 80
                  endPort: lots
            """;
        var document = KubernetesDocumentReader.Parse(yaml, "np.yaml").Single();

        var act = () => document.Deserialize<NetworkPolicy>();

        act.Should().Throw<InvalidInputException>()
            .WithMessage("np.yaml:9 (record 1): NetworkPolicy n/p at spec.ingress[0].ports[0].endPort*");
    }

    [Fact]
    public void Absent_properties_keep_their_declared_defaults()
    {
        var policy = KubernetesDocumentReader.Parse("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\nspec: {}\n", "np.yaml")
            .Single().Deserialize<NetworkPolicy>();
        var pod = KubernetesDocumentReader.Parse("apiVersion: v1\nkind: Pod\nspec: {}\n", "pod.yaml").Single().Deserialize<Pod>();

        policy.Spec.PodSelector.Should().NotBeNull().And.Match<Api.Meta.LabelSelector>(s => s.IsEmpty);
        pod.Metadata.Should().NotBeNull();
        pod.Spec.Containers.Should().NotBeNull().And.BeEmpty();
    }

    [Fact]
    public void Duplicate_keys_are_an_error_naming_the_line()
    {
        var act = () => KubernetesDocumentReader.Parse("kind: Pod\nkind: Service\n", "dup.yaml");

        act.Should().Throw<InvalidInputException>().WithMessage("dup.yaml:*");
    }

    [Fact]
    public async Task ReadAsync_walks_directories_in_path_order_and_reads_stdin()
    {
        var dir = Directory.CreateTempSubdirectory("docreader-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "sub"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "b.yaml"), "kind: Namespace\napiVersion: v1\nmetadata: {name: b}\n");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "sub", "a.json"), "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"a\"}}");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "notes.txt"), "not read");
            var reader = new KubernetesDocumentReader(new StringReader("kind: Namespace\napiVersion: v1\nmetadata: {name: c}\n"));

            var documents = await reader.ReadAsync([dir.FullName, "-"], CancellationToken.None);

            documents.Select(d => d.DisplayName).Should().Equal("b", "a", "c");
            documents[2].Source.File.Should().Be("-");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ReadAsync_names_a_missing_path()
    {
        var act = () => new KubernetesDocumentReader().ReadAsync(["no/such/file.yaml"], CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidInputException>()).WithMessage("no/such/file.yaml: no such file or directory");
    }
}

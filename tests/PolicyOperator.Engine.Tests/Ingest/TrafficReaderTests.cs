using FluentAssertions;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Engine.Tests.Ingest;

public sealed class TrafficReaderTests
{
    [Theory]
    [InlineData("hubble-otel-flows/basic-sample-10-flows.json", TrafficFormat.Hubble)]
    [InlineData("ig-advisor-latest/connect-to-svc.input", TrafficFormat.InspektorGadget)]
    [InlineData("ig-advisor-legacy/multiple.input", TrafficFormat.InspektorGadget)]
    [InlineData("ig-advisor-legacy/empty.input", TrafficFormat.Empty)]
    public void Format_is_detected_from_the_content(string path, TrafficFormat expected)
    {
        var file = RepositoryPaths.TestData(path.Split('/'));

        TrafficReader.Detect(File.ReadAllText(file), file).Should().Be(expected);
    }

    [Theory]
    [InlineData("apiVersion: policyoperator.io/v1alpha1\nkind: ObservedTraffic\n", TrafficFormat.ObservedTraffic)]
    [InlineData("{\"apiVersion\":\"policyoperator.io/v1alpha1\",\"kind\":\"ObservedTraffic\"}", TrafficFormat.ObservedTraffic)]
    [InlineData("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": []\n}\n", TrafficFormat.ObservedTraffic)]
    public void Kubernetes_objects_in_yaml_or_json_are_observed_traffic(string text, TrafficFormat expected) =>
        TrafficReader.Detect(text, "t").Should().Be(expected);

    [Fact]
    public void Unknown_json_is_an_error_naming_the_file()
    {
        var detect = () => TrafficReader.Detect("{\"hello\":1}", "x.json");

        detect.Should().Throw<InvalidInputException>().WithMessage("x.json:1: unknown traffic format*");
    }

    [Fact]
    public async Task Directories_are_read_recursively_in_path_order_with_each_files_format()
    {
        var result = await new TrafficReader().ReadAsync([RepositoryPaths.TestData("ig-advisor-legacy"), RepositoryPaths.TestData("hubble-otel-flows", "basic-sample-10-flows.json")], CancellationToken.None);

        result.Traffic.Should().Contain(t => t.Spec.Workload.Name == "shippingservice").And.Contain(t => t.Spec.Workload.Namespace == "bookinfo");
        result.Skipped.Should().Contain(s => s.File.EndsWith("basic-sample-10-flows.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_path_is_an_error_naming_it()
    {
        var read = () => new TrafficReader().ReadAsync(["no/such/traffic"], CancellationToken.None);

        await read.Should().ThrowAsync<InvalidInputException>().WithMessage("no/such/traffic: no such file or directory");
    }
}

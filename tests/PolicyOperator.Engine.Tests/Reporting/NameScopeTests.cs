using FluentAssertions;
using PolicyOperator.Engine.Reporting;
using Xunit;

namespace PolicyOperator.Engine.Tests.Reporting;

public sealed class NameScopeTests
{
    [Theory]
    [InlineData("cart.shop.svc.cluster.local.", NameScope.Internal)]
    [InlineData("CART.shop.svc", NameScope.Internal)]
    [InlineData("cart.shop", NameScope.Internal)]
    [InlineData("cart", NameScope.Internal)]
    [InlineData("logging.googleapis.com.svc.cluster.local", NameScope.Internal)]
    [InlineData("s3.amazonaws.com", NameScope.External)]
    [InlineData("cart.elsewhere", NameScope.External)]
    [InlineData("db.corp.example.", NameScope.External)]
    public void Names_under_the_cluster_domain_or_of_known_namespaces_are_internal(string name, NameScope expected)
    {
        new NameScopeClassifier("cluster.local", ["shop"]).Classify(name).Should().Be(expected);
    }

    [Fact]
    public void Report_counts_internal_and_external_names_per_workload()
    {
        var rows = NameScopeReport.Build(Topology.Input());

        var web = rows.Should().ContainSingle(r => r.Source.Workload == "web").Subject;
        (web.InternalNames, web.InternalQueries, web.ExternalNames, web.ExternalQueries).Should().Be((1, 30L, 3, 17L));
        web.External.Should().Equal("api.github.com", "nosuch.example.com", "s3.amazonaws.com");
        rows[0].Should().Be(web, "the workload with the most external queries comes first");
    }

    [Fact]
    public void Custom_cluster_domain_decides_what_is_internal()
    {
        var classifier = new NameScopeClassifier("corp.internal", []);

        classifier.Classify("cart.shop.svc.corp.internal").Should().Be(NameScope.Internal);
        classifier.Classify("cart.shop.cluster.local").Should().Be(NameScope.External);
    }
}

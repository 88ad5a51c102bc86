using FluentAssertions;
using PolicyOperator.Engine.Reporting;
using Xunit;

namespace PolicyOperator.Engine.Tests.Reporting;

public sealed class CrossNamespaceReportTests
{
    [Fact]
    public void Traffic_between_namespaces_of_differing_environments_is_flagged_first()
    {
        var rows = CrossNamespaceReport.Build(Topology.Input());

        rows.Select(r => (r.Source.ToString(), r.Destination.ToString(), r.SourceEnvironment, r.DestinationEnvironment, r.EnvironmentMismatch)).Should().Equal(
            ("east:shop/cart", "east:payments/pay", "prod", "dev", true),
            ("east:shop/web", "east:default/kubernetes", "prod", null, false));
        rows[0].Ports.Should().Equal("9090/TCP");
    }

    [Fact]
    public void Environment_label_keys_are_configurable()
    {
        var rows = CrossNamespaceReport.Build(Topology.Input(new ReportOptions { EnvironmentLabelKeys = ["tier"] }));

        rows.Should().NotContain(r => r.EnvironmentMismatch);
        rows.Should().OnlyContain(r => r.SourceEnvironment == null);
    }

    [Fact]
    public void Without_an_inventory_nothing_is_flagged_but_the_traffic_is_listed()
    {
        var rows = CrossNamespaceReport.Build(new ReportInput(Topology.Traffic));

        rows.Should().HaveCount(2).And.OnlyContain(r => !r.EnvironmentMismatch);
    }
}

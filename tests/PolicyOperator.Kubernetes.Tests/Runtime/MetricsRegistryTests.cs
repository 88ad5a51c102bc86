using FluentAssertions;
using PolicyOperator.Runtime.Metrics;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

public sealed class MetricsRegistryTests
{
    [Fact]
    public void Render_writes_counters_gauges_and_histograms_in_the_prometheus_text_format()
    {
        var registry = new MetricsRegistry();
        var reconciles = registry.Counter("controller_reconcile_total", "Reconciles by result.", "controller", "result");
        reconciles.WithLabels("proposals", "success").Inc();
        reconciles.WithLabels("proposals", "success").Inc(2);
        reconciles.WithLabels("proposals", "error").Inc();
        registry.Gauge("workqueue_depth", "Keys waiting.").Set(7);
        var duration = registry.Histogram("reconcile_seconds", "Reconcile time.", [0.1, 1]);
        duration.Observe(0.05);
        duration.Observe(0.1);
        duration.Observe(0.5);
        duration.Observe(3);

        registry.Render().Should().Be("""
            # HELP controller_reconcile_total Reconciles by result.
            # TYPE controller_reconcile_total counter
            controller_reconcile_total{controller="proposals",result="error"} 1
            controller_reconcile_total{controller="proposals",result="success"} 3
            # HELP reconcile_seconds Reconcile time.
            # TYPE reconcile_seconds histogram
            reconcile_seconds_bucket{le="0.1"} 2
            reconcile_seconds_bucket{le="1"} 3
            reconcile_seconds_bucket{le="+Inf"} 4
            reconcile_seconds_sum 3.65
            reconcile_seconds_count 4
            # HELP workqueue_depth Keys waiting.
            # TYPE workqueue_depth gauge
            workqueue_depth 7

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Label_values_are_escaped()
    {
        var registry = new MetricsRegistry();
        registry.Counter("events_total", "Events.", "name").WithLabels("a\"b\\c\nd").Inc();

        registry.Render().Should().Contain("events_total{name=\"a\\\"b\\\\c\\nd\"} 1");
    }

    [Fact]
    public void The_same_name_returns_the_same_metric_and_a_different_type_is_refused()
    {
        var registry = new MetricsRegistry();
        registry.Counter("x_total", "X.").Should().BeSameAs(registry.Counter("x_total", "X."));

        var clash = () => registry.Gauge("x_total", "X.");

        clash.Should().Throw<InvalidOperationException>().WithMessage("*x_total*Counter*");
    }

    [Theory]
    [InlineData("bad-name")]
    [InlineData("1starts_with_digit")]
    [InlineData("")]
    public void Invalid_names_are_refused(string name)
    {
        var create = () => new MetricsRegistry().Counter(name, "help");

        create.Should().Throw<ArgumentException>().WithMessage($"*'{name}'*");
    }

    [Fact]
    public void Wrong_label_count_is_refused_naming_the_labels()
    {
        var counter = new MetricsRegistry().Counter("y_total", "Y.", "a", "b");

        var call = () => counter.WithLabels("only-one");

        call.Should().Throw<ArgumentException>().WithMessage("*[a, b]*1 values*");
    }
}

using FluentAssertions;
using PolicyOperator.Runtime.Informers;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

public sealed class InformerCacheTests
{
    [Fact]
    public void Indexes_follow_upserts_and_removals()
    {
        var cache = new InformerCache<Widget>();
        cache.AddIndex("size", widget => [widget.Spec.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        cache.Upsert(Widget.Named("a", size: 1, ns: "one"));
        cache.Upsert(Widget.Named("b", size: 1, ns: "two"));
        cache.Upsert(Widget.Named("c", size: 2, ns: "two"));

        cache.ByIndex("size", "1").Select(w => w.Metadata.Name).Should().BeEquivalentTo("a", "b");
        cache.ByIndex(InformerCache<Widget>.NamespaceIndex, "two").Select(w => w.Metadata.Name).Should().BeEquivalentTo("b", "c");

        var old = cache.Upsert(Widget.Named("b", size: 2, ns: "two"));
        cache.Remove(new ObjectKey("one", "a"));

        old!.Spec.Size.Should().Be(1);
        cache.ByIndex("size", "1").Should().BeEmpty();
        cache.ByIndex("size", "2").Select(w => w.Metadata.Name).Should().BeEquivalentTo("b", "c");
        cache.Get(new ObjectKey("two", "b"))!.Spec.Size.Should().Be(2);
        cache.Count.Should().Be(2);
    }

    [Fact]
    public void An_index_added_later_covers_the_objects_already_cached()
    {
        var cache = new InformerCache<Widget>();
        cache.Upsert(Widget.Named("a", size: 3));

        cache.AddIndex("size", widget => [widget.Spec.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        cache.ByIndex("size", "3").Should().ContainSingle();
    }

    [Fact]
    public void An_unknown_index_is_refused_naming_it()
    {
        var call = () => new InformerCache<Widget>().ByIndex("owner", "x");

        call.Should().Throw<ArgumentException>().WithMessage("*'owner'*");
    }

    [Theory]
    [InlineData("ns/name", "ns", "name")]
    [InlineData("cluster-scoped", null, "cluster-scoped")]
    public void ObjectKey_round_trips_through_its_text(string text, string? ns, string name)
    {
        var key = ObjectKey.Parse(text);

        key.Should().Be(new ObjectKey(ns, name));
        key.ToString().Should().Be(text);
    }
}

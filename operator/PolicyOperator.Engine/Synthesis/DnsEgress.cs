using PolicyOperator.Api.Meta;
using PolicyOperator.Engine.Addressing;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>
/// The peers and ports that DNS egress needs (design rule 5), for the configured or detected resolver.
/// Added to every policy that restricts egress, whether or not DNS traffic was observed.
/// </summary>
/// <param name="Strategy">The resolved strategy (never <see cref="DnsStrategy.Auto"/>).</param>
/// <param name="Peers">The resolver peers.</param>
/// <param name="Ports">The ports as enforced, UDP and TCP.</param>
internal sealed record DnsEgress(DnsStrategy Strategy, IReadOnlyList<TranslatedPeer> Peers, IReadOnlyList<PortKey> Ports)
{
    public const string NodeLocalDnsCacheAddress = "169.254.20.10";
    public const string CloudDnsAddress = "169.254.169.254";

    private static readonly TranslatedPeer KubeDnsPeer = Labelled("kube-system", "k8s-app", "kube-dns");

    public static DnsEgress Resolve(DnsOptions options, ClusterInventory inventory)
    {
        var strategy = options.Strategy == DnsStrategy.Auto ? Detect(inventory) : options.Strategy;
        return strategy switch
        {
            DnsStrategy.KubeDns => new(strategy, [KubeDnsPeer], Both(53)),
            DnsStrategy.NodeLocalDnsCache => new(strategy, [KubeDnsPeer, Address(NodeLocalDnsCacheAddress)], Both(53)),
            DnsStrategy.CloudDns => new(strategy, [Address(CloudDnsAddress)], Both(53)),
            DnsStrategy.OpenShift => new(strategy, [Labelled("openshift-dns", "dns.operator.openshift.io/daemonset-dns", "default")], Both(5353)),
            DnsStrategy.Custom => Custom(options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Strategy, "unknown DNS strategy"),
        };
    }

    /// <summary>OpenShift when its DNS namespace is there; NodeLocal DNSCache when its DaemonSet or pods are; else kube-dns.</summary>
    public static DnsStrategy Detect(ClusterInventory inventory)
    {
        if (inventory.Namespaces.Any(n => n.Metadata.Name == "openshift-dns") || inventory.Services.Any(s => s.Metadata.Namespace == "openshift-dns"))
        {
            return DnsStrategy.OpenShift;
        }

        var nodeLocal = inventory.DaemonSets.Any(d => d.Metadata.Name == "node-local-dns")
            || inventory.Pods.Any(p => p.Metadata.Labels?.GetValueOrDefault("k8s-app") == "node-local-dns");
        return nodeLocal ? DnsStrategy.NodeLocalDnsCache : DnsStrategy.KubeDns;
    }

    private static DnsEgress Custom(DnsOptions options)
    {
        var peers = new List<TranslatedPeer>();
        if (options.PodLabels is { Count: > 0 } labels)
        {
            peers.Add(PolicyPeers.Pods(options.Namespace ?? "kube-system", new LabelSelector { MatchLabels = labels }));
        }

        peers.AddRange(options.Addresses.Select(Address));
        if (peers.Count == 0)
        {
            throw new ArgumentException("custom DNS strategy: give the DNS pods' labels or the resolver addresses", nameof(options));
        }

        return new(DnsStrategy.Custom, peers, options.Ports.Distinct().Order().SelectMany(Both).ToList());
    }

    private static TranslatedPeer Labelled(string ns, string key, string value) =>
        PolicyPeers.Pods(ns, new LabelSelector { MatchLabels = new Dictionary<string, string> { [key] = value } });

    private static TranslatedPeer Address(string address) => PolicyPeers.Block(CanonicalCidr.Parse(address), []) with { External = null };

    private static PortKey[] Both(int port) => [new PortKey("TCP", port), new PortKey("UDP", port)];
}

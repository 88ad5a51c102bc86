using PolicyOperator.Api.Discovery;

namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Decides whether a <see cref="TrafficEndpoint"/> is what a <see cref="TrafficTarget"/> names.
/// Names match an outside end's DNS names, and a Service's cluster names (<c>svc.ns</c>,
/// <c>svc.ns.svc</c>, <c>svc.ns.svc.cluster.local</c>). The API server matches its Service, and any
/// node or outside end at its ClusterIP or endpoint addresses (from the inventory's EndpointSlices and
/// the endpoint addresses recorded on Service peers).
/// </summary>
public sealed class TargetMatcher
{
    private readonly TrafficTarget _target;
    private readonly string _domain;
    private readonly HashSet<string> _apiServerAddresses = new(StringComparer.Ordinal);

    public TargetMatcher(TrafficTarget target, ReportInput input)
    {
        _target = target;
        _domain = DnsNames.Normalize(input.Options.ClusterDomain);
        if (target.Kind != TargetKind.ApiServer)
        {
            return;
        }

        var (ns, name) = TrafficTarget.SplitService(target.Value);
        foreach (var edge in input.Edges)
        {
            foreach (var end in new[] { edge.Source, edge.Destination })
            {
                if (end.Service == target.Value && end.Kind == EndpointKind.Service)
                {
                    _apiServerAddresses.UnionWith(end.Addresses);
                }
            }
        }

        if (input.Inventory?.Inventory is { } inventory)
        {
            foreach (var service in inventory.Services.Where(s => s.Metadata.Name == name && (s.Metadata.Namespace ?? "default") == ns))
            {
                _apiServerAddresses.UnionWith(service.Spec.ClusterIPs ?? (service.Spec.ClusterIP is { } ip ? [ip] : []));
            }

            foreach (var slice in inventory.EndpointSlices.Where(s =>
                (s.Metadata.Namespace ?? "default") == ns && s.Metadata.Labels?.GetValueOrDefault(EndpointSlice.ServiceNameLabel) == name))
            {
                _apiServerAddresses.UnionWith((slice.Endpoints ?? []).SelectMany(e => e.Addresses));
            }
        }
    }

    /// <summary>True when <paramref name="end"/> is (part of) the target.</summary>
    public bool Matches(TrafficEndpoint end) => _target.Kind switch
    {
        TargetKind.Workload => end.IsInCluster && end.Namespace == _target.Namespace &&
            (_target.Value == "*" || end.Name == _target.Value || end.Service == $"{_target.Namespace}/{_target.Value}"),
        TargetKind.Cidr => NetworkAddresses.TryParseNetwork(_target.Value, out var network) &&
            end.Addresses.Any(a => NetworkAddresses.TryParseNetwork(a, out var address) && NetworkAddresses.Contains(network.Value, address.Value)),
        TargetKind.DnsName or TargetKind.DnsWildcard => Names(end).Any(n => DnsNames.Matches(_target.Value, n)),
        TargetKind.ApiServer => end.Service == _target.Value ||
            (end.Kind is EndpointKind.Node or EndpointKind.External && end.Addresses.Any(a => _apiServerAddresses.Any(s => NetworkAddresses.Contains(a, s)))),
        _ => false,
    };

    /// <summary>True when a DNS question for <paramref name="name"/> asks for the target.</summary>
    public bool MatchesQuestion(string name) => _target.Kind switch
    {
        TargetKind.DnsName or TargetKind.DnsWildcard => DnsNames.Matches(_target.Value, name),
        TargetKind.ApiServer => ServiceNames(_target.Value).Contains(DnsNames.Normalize(name), StringComparer.Ordinal),
        TargetKind.Workload => ServiceNames($"{_target.Namespace}/{_target.Value}").Contains(DnsNames.Normalize(name), StringComparer.Ordinal),
        _ => false,
    };

    private IEnumerable<string> Names(TrafficEndpoint end) =>
        end.Service is { } service ? end.DnsNames.Concat(ServiceNames(service)) : end.DnsNames;

    private string[] ServiceNames(string service)
    {
        var (ns, name) = TrafficTarget.SplitService(service);
        return [$"{name}.{ns}", $"{name}.{ns}.svc", $"{name}.{ns}.svc.{_domain}"];
    }
}

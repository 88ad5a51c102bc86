using System.Net;

namespace PolicyOperator.Testing.Netns;

/// <summary>A real DNS server (dnsmasq) in a test pod, answering only the records it is given.</summary>
public static class DnsServer
{
    /// <summary>
    /// Starts dnsmasq on port 53 of <paramref name="pod"/>'s IPv4 address, authoritative for
    /// <paramref name="records"/> (name to its addresses, as many as given) and <paramref name="aliases"/> (CNAME to name),
    /// forwarding nothing. Dispose the returned process to stop it.
    /// </summary>
    public static async Task<PodProcess> StartAsync(
        Pod pod,
        IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> records,
        IReadOnlyDictionary<string, string>? aliases = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(records);
        List<string> command =
        [
            "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--pid-file=",
            "--user=root", "--port=53", $"--listen-address={pod.IPv4}", "--bind-interfaces", "--local-ttl=300", "--log-facility=-",
        ];
        // A hosts file, not --host-record (one address per family): a name may have many addresses.
        var hosts = Path.Combine(Path.GetTempPath(), $"{pod.NetnsName}-dns.hosts");
        pod.OwnedFiles.Add(hosts);
        await File.WriteAllLinesAsync(hosts, records.SelectMany(r => r.Value.Select(a => $"{a} {r.Key}")), cancellationToken);
        command.Add($"--addn-hosts={hosts}");
        command.AddRange((aliases ?? new Dictionary<string, string>()).Select(a => $"--cname={a.Key},{a.Value}"));
        var process = pod.Start([.. command], redirectInput: false);
        try
        {
            await pod.WaitForListenerAsync(53, udp: true, cancellationToken);
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }
}

using System.Text.RegularExpressions;

namespace PolicyOperator.Observation.Attribution;

/// <summary>
/// Reads the pod UID and container id out of a cgroup path as the kubelet and the container
/// runtimes name them, for both cgroup drivers:
/// <list type="bullet">
/// <item>systemd: <c>/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod&lt;uid_with_underscores&gt;.slice/cri-containerd-&lt;id&gt;.scope</c>
/// (CRI-O: <c>crio-&lt;id&gt;.scope</c>; Docker: <c>docker-&lt;id&gt;.scope</c>);</item>
/// <item>systemd with a kubelet <c>--cgroup-root</c> (kind: <c>/kubelet</c>): every slice carries the
/// root's name, <c>/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice/kubelet-kubepods-besteffort-pod&lt;uid&gt;.slice/...</c>;</item>
/// <item>cgroupfs: <c>/kubepods/burstable/pod&lt;uid&gt;/&lt;id&gt;</c> (CRI-O: <c>crio-&lt;id&gt;</c>).</item>
/// </list>
/// The kubepods part may sit under a prefix: a kind or minikube node seen from its host
/// (<c>/system.slice/docker-&lt;node&gt;.scope/kubelet.slice/...</c>, <c>/docker/&lt;node&gt;/kubepods/...</c>).
/// A process in a cgroup namespace sees its path from the pod's slice
/// (<c>/kubepods-burstable-pod&lt;uid&gt;.slice/cri-containerd-&lt;id&gt;.scope</c>): a systemd pod slice
/// names its pod wherever it is. Anything else is the host.
/// </summary>
public static partial class CgroupPathParser
{
    /// <summary>Parses one cgroup v2 path (as in <c>/proc/&lt;pid&gt;/cgroup</c> after <c>0::</c>).</summary>
    public static CgroupIdentity Parse(string path)
    {
        string? podUid = null, containerId = null, runtime = null, qos = null;
        var inKubepods = false;
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (KubepodsSegment().IsMatch(segment))
            {
                inKubepods = true;
                qos = "Guaranteed"; // a pod directly under kubepods is Guaranteed
                continue;
            }

            if (!inKubepods)
            {
                if (SystemdPodSegment().Match(segment) is not { Success: true } slice)
                {
                    continue;
                }

                // The pod's own slice, under a cgroup namespace root: it says the QoS class itself.
                inKubepods = true;
                podUid = slice.Groups["uid"].Value.Replace('_', '-');
                qos = slice.Groups["qos"].Value switch { "besteffort" => "BestEffort", "burstable" => "Burstable", _ => "Guaranteed" };
                continue;
            }

            if (QosSegment().Match(segment) is { Success: true } q)
            {
                qos = q.Groups["qos"].Value == "besteffort" ? "BestEffort" : "Burstable";
            }
            else if (PodSegment().Match(segment) is { Success: true } p)
            {
                podUid = p.Groups["uid"].Value.Replace('_', '-');
            }
            else if (podUid is not null && ContainerSegment().Match(segment) is { Success: true } c)
            {
                containerId = c.Groups["id"].Value;
                runtime = c.Groups["runtime"].Value switch
                {
                    "cri-containerd" => "containerd",
                    "crio" or "crio-conmon" => "cri-o",
                    "docker" => "docker",
                    _ => null,
                };
            }
        }

        return podUid is null ? CgroupIdentity.Host : new CgroupIdentity(podUid, containerId, runtime, qos);
    }

    // "kubepods" (cgroupfs), "kubepods.slice" (systemd), "kubelet-kubepods.slice" (systemd under a cgroup root).
    [GeneratedRegex(@"^([a-z0-9_.]+-)?kubepods(\.slice)?$")]
    private static partial Regex KubepodsSegment();

    [GeneratedRegex(@"^(([a-z0-9_.]+-)?kubepods-)?(?<qos>burstable|besteffort)(\.slice)?$")]
    private static partial Regex QosSegment();

    [GeneratedRegex(@"^(([a-z0-9_.]+-)?kubepods-(burstable-|besteffort-)?)?pod(?<uid>[0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})(\.slice)?$")]
    private static partial Regex PodSegment();

    [GeneratedRegex(@"^([a-z0-9_.]+-)?kubepods-((?<qos>burstable|besteffort)-)?pod(?<uid>[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12})\.slice$")]
    private static partial Regex SystemdPodSegment();

    [GeneratedRegex(@"^((?<runtime>cri-containerd|crio-conmon|crio|docker)-)?(?<id>[0-9a-f]{64})(\.scope)?$")]
    private static partial Regex ContainerSegment();
}

using System.Text.RegularExpressions;

namespace PolicyOperator.Observation.Attribution;

/// <summary>
/// Reads the pod UID and container id out of a cgroup path as the kubelet and the container
/// runtimes name them, for both cgroup drivers:
/// <list type="bullet">
/// <item>systemd: <c>/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod&lt;uid_with_underscores&gt;.slice/cri-containerd-&lt;id&gt;.scope</c>
/// (CRI-O: <c>crio-&lt;id&gt;.scope</c>; Docker: <c>docker-&lt;id&gt;.scope</c>);</item>
/// <item>cgroupfs: <c>/kubepods/burstable/pod&lt;uid&gt;/&lt;id&gt;</c>.</item>
/// </list>
/// The kubepods part may sit under a prefix (nested runtimes, kind nodes). Anything else is the host.
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
            if (segment is "kubepods" or "kubepods.slice")
            {
                inKubepods = true;
                qos = "Guaranteed"; // a pod directly under kubepods is Guaranteed
                continue;
            }

            if (!inKubepods)
            {
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

    [GeneratedRegex(@"^(kubepods-)?(?<qos>burstable|besteffort)(\.slice)?$")]
    private static partial Regex QosSegment();

    [GeneratedRegex(@"^(kubepods-(burstable-|besteffort-)?)?pod(?<uid>[0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})(\.slice)?$")]
    private static partial Regex PodSegment();

    [GeneratedRegex(@"^((?<runtime>cri-containerd|crio-conmon|crio|docker)-)?(?<id>[0-9a-f]{64})(\.scope)?$")]
    private static partial Regex ContainerSegment();
}

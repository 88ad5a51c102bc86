using System.Text.RegularExpressions;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// Guesses a pod's workload from the name its controller gave it, for sources without an inventory:
/// <c>web-5d4f8b9c6-abcde</c> is Deployment <c>web</c>, <c>report-28912345-abcde</c> CronJob <c>report</c>,
/// <c>db-0</c> StatefulSet <c>db</c>; anything else stays a Pod. Only names and kinds come from this; selectors
/// always come from labels.
/// </summary>
internal static partial class PodNames
{
    public static (string Kind, string Name) InferWorkload(string podName)
    {
        if (CronJobPod().Match(podName) is { Success: true } cron)
        {
            return ("CronJob", cron.Groups[1].Value);
        }

        if (DeploymentPod().Match(podName) is { Success: true } deployment)
        {
            return ("Deployment", deployment.Groups[1].Value);
        }

        return StatefulSetPod().Match(podName) is { Success: true } statefulSet ? ("StatefulSet", statefulSet.Groups[1].Value) : ("Pod", podName);
    }

    [GeneratedRegex("^(.+)-[0-9]{8,}-[a-z0-9]{5}$")]
    private static partial Regex CronJobPod();

    [GeneratedRegex("^(.+)-[a-z0-9]{5,10}-[a-z0-9]{5}$")]
    private static partial Regex DeploymentPod();

    [GeneratedRegex("^(.+)-[0-9]+$")]
    private static partial Regex StatefulSetPod();
}

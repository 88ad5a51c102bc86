using System.Security.Cryptography;
using System.Text;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>
/// Names and marks generated policies: <c>&lt;workload name&gt;-&lt;kind lowercased&gt;</c> (for example
/// <c>cartservice-deployment</c>), a valid DNS subdomain; the same workload always gets the same name.
/// </summary>
public static class PolicyNaming
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "policyoperator";
    public const string WorkloadAnnotation = "policyoperator.io/workload";

    /// <summary>External CIDR -> DNS names it was reached by, as a JSON object with sorted keys and values.</summary>
    public const string DnsNamesAnnotation = "policyoperator.io/dns-names";

    private const int MaxLength = 253;

    public static string PolicyName(WorkloadReference workload)
    {
        var raw = $"{workload.Name}-{workload.Kind}".ToLowerInvariant();
        var name = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-');
        }

        var text = name.ToString().Trim('-', '.');
        if (text.Length <= MaxLength)
        {
            return text;
        }

        // Too long: keep a prefix and make it unique with a short hash of the full name.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..10];
        return $"{text[..(MaxLength - 11)].TrimEnd('-', '.')}-{hash}";
    }
}

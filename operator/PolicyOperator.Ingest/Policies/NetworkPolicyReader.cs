using PolicyOperator.Api.Networking;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Ingest.Policies;

/// <summary>
/// Reads networking.k8s.io/v1 NetworkPolicies from files, directories or <c>-</c>. Other kinds (the
/// workloads np-guard keeps in the same directory, for example) are recorded as ignored.
/// </summary>
public sealed class NetworkPolicyReader(KubernetesDocumentReader documents)
{
    /// <summary>Reads every path.</summary>
    /// <exception cref="InvalidInputException">A file cannot be parsed or a policy is malformed.</exception>
    public async Task<NetworkPolicyReadResult> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken) =>
        FromDocuments(await documents.ReadAsync(paths, cancellationToken));

    /// <summary>Picks the NetworkPolicies out of documents.</summary>
    public static NetworkPolicyReadResult FromDocuments(IEnumerable<KubernetesDocument> source)
    {
        var policies = new List<NetworkPolicy>();
        var ignored = new List<IgnoredDocument>();
        foreach (var document in source)
        {
            if (document.Kind == "NetworkPolicy" && document.ApiVersion.StartsWith("networking.k8s.io/", StringComparison.Ordinal))
            {
                policies.Add(ReadPolicy(document));
            }
            else
            {
                ignored.Add(new IgnoredDocument(document.Kind, document.DisplayName, document.Source));
            }
        }

        return new NetworkPolicyReadResult(policies, ignored);
    }

    /// <summary>Types a NetworkPolicy document and checks it as the evaluator will read it (selectors, CIDRs, ports).</summary>
    /// <exception cref="InvalidInputException">The policy is malformed; the message names the file, line, policy and field.</exception>
    public static NetworkPolicy ReadPolicy(KubernetesDocument document)
    {
        var policy = document.Deserialize<NetworkPolicy>();
        try
        {
            CompiledPolicy.Compile(policy);
        }
        catch (InvalidPolicyException ex)
        {
            throw new InvalidInputException(document.Source, ex.Message, ex);
        }

        return policy;
    }
}

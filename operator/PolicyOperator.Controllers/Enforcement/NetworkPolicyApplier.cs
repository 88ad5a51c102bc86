using System.Text.Json;
using PolicyOperator.Api;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Proposals;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Kubernetes.Client;

namespace PolicyOperator.Controllers.Enforcement;

/// <summary>
/// Writes a proposal's policies into the cluster: labelled as managed by the operator and with the
/// proposal's name, owned by the proposal (a real cluster's garbage collector removes them with it),
/// created or updated only when the normalised spec, the labels or the owner differ, and never over a
/// NetworkPolicy someone else wrote. Removes the policies it manages for a proposal that no longer wants them.
/// </summary>
public sealed class NetworkPolicyApplier(KubernetesClient client)
{
    public const string RevisionAnnotation = "policyoperator.io/revision";

    /// <summary>The NetworkPolicies a proposal's current revision wants, with the operator's labels and owner reference.</summary>
    public static IReadOnlyList<NetworkPolicy> Desired(NetworkPolicyProposal proposal) =>
        proposal.Spec.Policies.Where(p => !Engine.Cilium.CiliumPolicyBuilder.IsCiliumPolicy(p.Policy)).Select(p =>
        {
            var policy = p.Policy.Deserialize<NetworkPolicy>(ApiJson.Options) ?? throw new JsonException("a proposed policy is not a NetworkPolicy");
            var labels = new SortedDictionary<string, string>(policy.Metadata.Labels?.ToDictionary() ?? [], StringComparer.Ordinal)
            {
                [PolicyNaming.ManagedByLabel] = PolicyNaming.ManagedByValue,
                [ProposalNaming.ProposalLabel] = proposal.Metadata.Name!,
            };
            var annotations = new SortedDictionary<string, string>(policy.Metadata.Annotations?.ToDictionary() ?? [], StringComparer.Ordinal)
            {
                [RevisionAnnotation] = proposal.Spec.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            return policy with
            {
                Metadata = policy.Metadata with
                {
                    Namespace = proposal.Metadata.Namespace,
                    Labels = labels,
                    Annotations = annotations,
                    OwnerReferences =
                    [
                        new OwnerReference
                        {
                            ApiVersion = proposal.ApiVersion,
                            Kind = proposal.Kind,
                            Name = proposal.Metadata.Name!,
                            Uid = proposal.Metadata.Uid ?? string.Empty,
                            Controller = true,
                            BlockOwnerDeletion = true,
                        },
                    ],
                },
            };
        }).ToList();

    /// <summary>Creates or updates each policy where needed; returns how many were written.</summary>
    /// <exception cref="InvalidOperationException">A NetworkPolicy of that name exists and is not the operator's.</exception>
    public async Task<int> ApplyAsync(IReadOnlyList<NetworkPolicy> desired, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var policy in desired)
        {
            var name = policy.Metadata.Name!;
            var ns = policy.Metadata.Namespace;
            var current = await client.NetworkPolicies.FindAsync(name, ns, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                await client.NetworkPolicies.CreateAsync(policy, cancellationToken).ConfigureAwait(false);
                written++;
                continue;
            }

            if (current.Metadata.Labels?.GetValueOrDefault(PolicyNaming.ManagedByLabel) != PolicyNaming.ManagedByValue)
            {
                throw new InvalidOperationException($"NetworkPolicy {ns}/{name} exists and is not managed by the operator; it is left alone and this proposal is not applied");
            }

            if (UpToDate(current, policy))
            {
                continue;
            }

            await client.NetworkPolicies.UpdateAsync(policy with { Metadata = policy.Metadata with { ResourceVersion = current.Metadata.ResourceVersion, Uid = current.Metadata.Uid } }, cancellationToken).ConfigureAwait(false);
            written++;
        }

        return written;
    }

    /// <summary>Deletes the given managed policies (already gone is fine); returns how many were deleted.</summary>
    public async Task<int> RemoveAsync(IEnumerable<NetworkPolicy> stale, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var policy in stale)
        {
            try
            {
                await client.NetworkPolicies.DeleteAsync(policy.Metadata.Name!, policy.Metadata.Namespace, cancellationToken).ConfigureAwait(false);
                removed++;
            }
            catch (Kubernetes.Errors.NotFoundException)
            {
                // Already gone (the garbage collector, or a person): the goal is reached.
            }
        }

        return removed;
    }

    /// <summary>Same spec after normalisation, the operator's labels and annotations present, owned by the same proposal.</summary>
    public static bool UpToDate(NetworkPolicy current, NetworkPolicy desired) =>
        PolicyNormalizer.SameSpec(current.Spec, desired.Spec)
        && Contains(current.Metadata.Labels, desired.Metadata.Labels)
        && Contains(current.Metadata.Annotations, desired.Metadata.Annotations)
        && current.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Uid == desired.Metadata.OwnerReferences?[0].Uid;

    private static bool Contains(IReadOnlyDictionary<string, string>? actual, IReadOnlyDictionary<string, string>? wanted) =>
        wanted is null || wanted.All(pair => actual?.GetValueOrDefault(pair.Key) == pair.Value);
}

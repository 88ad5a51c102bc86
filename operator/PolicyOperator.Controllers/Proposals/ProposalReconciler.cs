using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PolicyOperator.Api;
using PolicyOperator.Api.Events;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Diff;
using PolicyOperator.Controllers.Drift;
using PolicyOperator.Controllers.Enforcement;
using PolicyOperator.Controllers.Generators;
using PolicyOperator.Controllers.Inventory;
using PolicyOperator.Controllers.Metrics;
using PolicyOperator.Controllers.Review;
using PolicyOperator.Controllers.Safety;
using PolicyOperator.Controllers.Status;
using PolicyOperator.Controllers.Traffic;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Runtime.Events;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Reconciliation;

namespace PolicyOperator.Controllers.Proposals;

/// <summary>
/// Reconciles one workload's NetworkPolicyProposal, level-triggered: re-reads the workload's traffic
/// from every node (and its peers' view of it), computes the desired proposal, writes it when it
/// differs, runs the safety check, applies or removes NetworkPolicies as the mode and the review allow,
/// detects drift, and writes status with conditions. Every step is idempotent; a failure requeues the
/// key with backoff.
/// </summary>
public sealed partial class ProposalReconciler(
    KubernetesClient client,
    SharedInformer<ObservedTraffic> traffic,
    SharedInformer<PolicyGenerator> generators,
    InventorySnapshot inventory,
    EventRecorder events,
    OperatorMetrics metrics,
    OperatorOptions options,
    TimeProvider time,
    ILogger<ProposalReconciler> logger) : IReconciler<NetworkPolicyProposal>
{
    private readonly NetworkPolicyApplier _applier = new(client);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (!traffic.HasSynced || !generators.HasSynced || !inventory.HasSynced)
        {
            // An empty cache would look like a workload without traffic (whose proposal goes): wait for the lists.
            return ReconcileResult.After(TimeSpan.FromMilliseconds(500));
        }

        var now = time.GetUtcNow();
        var indexValue = ProposalNaming.IndexValue(key);
        var gathered = WorkloadTraffic.Gather(indexValue, traffic.Cache.ByIndex(TrafficIndexes.ByProposal, indexValue), traffic.Cache.ByIndex(TrafficIndexes.ByPeerProposal, indexValue));
        var current = await client.NetworkPolicyProposals.FindAsync(key.Name, key.Namespace, cancellationToken).ConfigureAwait(false);
        var managed = Managed(key);
        if (gathered is null)
        {
            await RemoveWorkloadAsync(key, current, managed, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (current?.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var (cluster, index) = inventory.Current();
        var generator = GeneratorResolver.Resolve(generators.Cache.List(), index.NamespaceLabels(key.Namespace ?? string.Empty), options);
        if (generator.Mode == GeneratorMode.Observe && current is null)
        {
            // Observe: record and report only; no proposal is written.
            return ReconcileResult.After(options.ResyncPeriod);
        }

        var content = ProposalBuilder.Build(gathered, cluster, generator);
        var proposal = await WriteProposalAsync(current, DesiredProposal.Next(current, gathered.Workload, content, generator.Name, now), cancellationToken).ConfigureAwait(false);

        // Policies left by an earlier proposal of the same name (deleted and made again) are not this one's.
        var stale = managed.Where(p => OwnerUid(p) != proposal.Metadata.Uid).ToList();
        metrics.Removed(await _applier.RemoveAsync(stale, cancellationToken).ConfigureAwait(false));
        managed = [.. managed.Except(stale)];

        var desired = NetworkPolicyApplier.Desired(proposal);
        var others = cluster.NetworkPolicies.Where(p => !IsManagedBy(p, key)).ToList();
        var safety = SafetyChecker.Check(gathered, desired, others, index, options, now);
        var decision = generator.Mode == GeneratorMode.Observe
            ? new EnforcementDecision(false, EnforcementDecision.ObserveOnly, $"generator {generator.Name} is in Observe mode")
            : EnforcementGate.Decide(options, generator, ReviewState.IsApproved(proposal), ReviewState.IsRejected(proposal), safety.Passed, gathered.FirstObserved, DesiredProposal.RevisionSince(proposal), now, gathered.PeersOnly);

        var applied = (Revision: proposal.Status?.AppliedRevision, Policies: proposal.Status?.AppliedPolicies ?? []);
        string? applyError = null;
        IEnumerable<NetworkPolicy> inForce = cluster.NetworkPolicies.Where(p => !stale.Any(s => s.Metadata.Name == p.Metadata.Name && s.Metadata.Namespace == p.Metadata.Namespace));
        if (decision.Apply && desired.Count > 0)
        {
            try
            {
                var written = await _applier.ApplyAsync(desired, cancellationToken).ConfigureAwait(false);
                var names = desired.Select(p => p.Metadata.Name!).ToHashSet(StringComparer.Ordinal);
                metrics.Removed(await _applier.RemoveAsync(managed.Where(p => !names.Contains(p.Metadata.Name!)), cancellationToken).ConfigureAwait(false));
                metrics.Applied(written);
                if (written > 0)
                {
                    LogApplied(logger, key.ToString(), proposal.Spec.Revision, written);
                    await events.RecordAsync(proposal, Event.NormalType, "PoliciesApplied", "Apply", $"revision {proposal.Spec.Revision}: {written} NetworkPolicy(ies) written ({decision.Message})", cancellationToken).ConfigureAwait(false);
                }

                applied = (proposal.Spec.Revision, [.. names.Order(StringComparer.Ordinal)]);
                inForce = others.Concat(desired);
            }
            catch (InvalidOperationException e)
            {
                applyError = e.Message;
            }
        }
        else if (managed.Count == 0)
        {
            // Nothing of this proposal is in the cluster (never applied, or removed by someone): nothing applied.
            applied = (null, []);
        }

        var drift = applied.Revision is not null ? FlowReplay.Replay(gathered, inForce, index, options.MaxListedFlows) : null;
        var crossNamespace = CrossNamespaceSummary.Of(gathered, index);
        var status = StatusFor(proposal, gathered, content, generator, safety, decision, applyError, applied, drift, crossNamespace, now);
        await ReportTransitionsAsync(proposal, status, cancellationToken).ConfigureAwait(false);
        await WriteStatusAsync(proposal, status, cancellationToken).ConfigureAwait(false);
        metrics.Observe(key, status.Phase ?? ProposalPhase.Proposed, DriftDetector.IsDrifted(drift));

        var wait = decision.RecheckAt is { } at && at - now < options.ResyncPeriod ? at - now : options.ResyncPeriod;
        return ReconcileResult.After(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
    }

    private static bool IsManagedBy(NetworkPolicy policy, ObjectKey key) =>
        policy.Metadata.Namespace == key.Namespace && policy.Metadata.Labels?.GetValueOrDefault(ProposalNaming.ProposalLabel) == key.Name
        && policy.Metadata.Labels?.GetValueOrDefault(PolicyNaming.ManagedByLabel) == PolicyNaming.ManagedByValue;

    private static string? OwnerUid(NetworkPolicy policy) => policy.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Uid;

    private static JsonNode? Json<T>(T value) => JsonSerializer.SerializeToNode(value, ApiJson.Options);

    private List<NetworkPolicy> Managed(ObjectKey key) =>
        [.. inventory.NetworkPolicies.Cache.ByIndex(InformerCache<NetworkPolicy>.NamespaceIndex, key.Namespace ?? string.Empty).Where(p => IsManagedBy(p, key))];

    private async Task RemoveWorkloadAsync(ObjectKey key, NetworkPolicyProposal? current, List<NetworkPolicy> managed, CancellationToken cancellationToken)
    {
        // No traffic of its own is left: the workload is gone. Its proposal goes, and with it its policies
        // (removed here by label as well, since not every API server collects owned objects at once).
        if (current is not null && current.Metadata.Labels?.GetValueOrDefault(PolicyNaming.ManagedByLabel) == PolicyNaming.ManagedByValue && current.Metadata.DeletionTimestamp is null)
        {
            try
            {
                await client.NetworkPolicyProposals.DeleteAsync(key.Name, key.Namespace, cancellationToken).ConfigureAwait(false);
                LogRemoved(logger, key.ToString());
            }
            catch (Kubernetes.Errors.NotFoundException)
            {
                // Already gone.
            }
        }

        metrics.Removed(await _applier.RemoveAsync(managed, cancellationToken).ConfigureAwait(false));
        metrics.Forget(key);
    }

    private async Task<NetworkPolicyProposal> WriteProposalAsync(NetworkPolicyProposal? current, NetworkPolicyProposal desired, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            metrics.NewRevision();
            return await client.NetworkPolicyProposals.CreateAsync(desired, cancellationToken).ConfigureAwait(false);
        }

        if (JsonNode.DeepEquals(Json(current.Spec), Json(desired.Spec)) && JsonNode.DeepEquals(Json(current.Metadata.Annotations), Json(desired.Metadata.Annotations)))
        {
            return current;
        }

        if (desired.Spec.Revision != current.Spec.Revision)
        {
            metrics.NewRevision();
            await events.RecordAsync(current, Event.NormalType, "NewRevision", "Propose", $"revision {desired.Spec.Revision} proposed: the observed traffic changed the policies", cancellationToken).ConfigureAwait(false);
        }

        // A conflict (someone approved meanwhile) throws: the key is requeued and re-read.
        return await client.NetworkPolicyProposals.UpdateAsync(desired, cancellationToken).ConfigureAwait(false);
    }

    private NetworkPolicyProposalStatus StatusFor(
        NetworkPolicyProposal proposal,
        WorkloadTraffic gathered,
        ProposalContent content,
        EffectiveGenerator generator,
        SafetyVerdict safety,
        EnforcementDecision decision,
        string? applyError,
        (long? Revision, IReadOnlyList<string> Policies) applied,
        ReplayOutcome? drift,
        (bool Any, string Reason, string Message) crossNamespace,
        DateTimeOffset now)
    {
        var old = proposal.Status ?? new NetworkPolicyProposalStatus();
        var generation = proposal.Metadata.Generation;
        var conditions = old.Conditions;
        var readyMessage = content.Policies.Count == 0
            ? $"no policy could be proposed: {string.Join("; ", content.Findings.DefaultIfEmpty("no traffic a NetworkPolicy can express"))}"
            : $"revision {proposal.Spec.Revision} from the traffic observed" + (content.EvidenceLeftOut > 0 ? $"; {content.EvidenceLeftOut} evidence entries beyond the bound of {EvidenceMapping.MaxEvidence} left out" : string.Empty)
              + (content.Findings.Count > 0 ? $"; unresolved: {string.Join("; ", content.Findings)}" : string.Empty);
        var readyReason = content.Policies.Count == 0 ? ProposalConditions.NothingToPropose : ProposalConditions.Reconciled;
        if (generator.Problem is { } problem)
        {
            readyMessage += $"; generator {generator.Name}: {problem} (defaults used)";
            readyReason = ProposalConditions.GeneratorProblem;
        }

        conditions = ConditionList.Set(conditions, ProposalConditions.Ready, content.Policies.Count > 0 && generator.Problem is null, readyReason, readyMessage, generation, now);
        conditions = ConditionList.Set(conditions, ProposalConditions.SafetyCheckPassed, safety.Passed, safety.Reason, safety.Message, generation, now);
        var isApplied = applied.Revision == proposal.Spec.Revision && applyError is null;
        conditions = ConditionList.Set(
            conditions,
            ProposalConditions.Applied,
            isApplied,
            applyError is not null ? ProposalConditions.ApplyFailed : decision.Reason,
            applyError ?? (applied.Revision is { } r && r != proposal.Spec.Revision ? $"revision {r} is applied; revision {proposal.Spec.Revision}: {decision.Message}" : decision.Message),
            generation,
            now);
        var drifted = DriftDetector.IsDrifted(drift);
        conditions = ConditionList.Set(
            conditions,
            ProposalConditions.Drifted,
            drifted,
            drifted ? ProposalConditions.NewTrafficDenied : applied.Revision is null ? ProposalConditions.NotApplied : ProposalConditions.AllTrafficAllowed,
            drift is null ? "nothing applied" : DriftDetector.Describe(drift),
            generation,
            now);

        conditions = ConditionList.Set(
            conditions,
            ProposalConditions.PeerObservationsOnly,
            gathered.PeersOnly,
            gathered.PeersOnly ? ProposalConditions.NoOwnObservations : ProposalConditions.OwnObservations,
            gathered.PeersOnly
                ? $"no node reported this workload (no agent where it runs?): the proposal rests on {gathered.FromPeers.Count} report(s) of its peers ({string.Join(", ", gathered.FromPeers.Take(EvidenceMapping.MaxListItems).Select(t => $"{t.Metadata.Namespace}/{t.Metadata.Name}"))}); its traffic to anything unobserved is missing"
                : $"{gathered.Own.Count} report(s) of its own",
            generation,
            now);
        conditions = ConditionList.Set(conditions, ProposalConditions.CrossNamespaceTraffic, crossNamespace.Any, crossNamespace.Reason, crossNamespace.Message, generation, now);

        var superseded = DesiredProposal.SupersededRevision(proposal);
        var phase = drifted ? ProposalPhase.Drifted
            : isApplied ? ProposalPhase.Applied
            : ReviewState.IsRejected(proposal) ? ProposalPhase.Rejected
            : ReviewState.IsApproved(proposal) ? ProposalPhase.Approved
            : superseded is not null ? ProposalPhase.Superseded
            : ProposalPhase.Proposed;
        var check = old.SafetyCheck is { } previous && Same(previous with { CheckedAt = null }, safety.Check with { CheckedAt = null }) ? previous : safety.Check;
        return old with
        {
            Phase = phase,
            ObservedGeneration = generation,
            Conditions = conditions,
            SafetyCheck = check,
            Diff = PolicyDiffer.Diff(NetworkPolicyApplier.Desired(proposal), inventory.Current().Inventory.NetworkPolicies.Where(p => IsManagedBy(p, ObjectKey.For(proposal))).ToList()),
            AppliedRevision = applied.Revision,
            AppliedPolicies = applied.Policies,
            DriftedFlows = drift?.Listed ?? [],
            SupersededRevision = superseded,
            SupersededBy = superseded is { } replaced ? $"{proposal.Metadata.Name} revision {replaced + 1}" : null,
        };
    }

    private static bool Same<T>(T a, T b) => JsonNode.DeepEquals(Json(a), Json(b));

    private async Task ReportTransitionsAsync(NetworkPolicyProposal proposal, NetworkPolicyProposalStatus status, CancellationToken cancellationToken)
    {
        var old = proposal.Status;
        var wasFailed = old?.SafetyCheck?.Result == SafetyCheckResult.Failed && old.Conditions.FirstOrDefault(c => c.Type == ProposalConditions.SafetyCheckPassed)?.Reason == status.Conditions.First(c => c.Type == ProposalConditions.SafetyCheckPassed).Reason;
        if (status.SafetyCheck?.Result == SafetyCheckResult.Failed && !wasFailed)
        {
            metrics.SafetyCheckFailed();
            var message = status.Conditions.First(c => c.Type == ProposalConditions.SafetyCheckPassed).Message;
            LogSafetyFailed(logger, $"{proposal.Metadata.Namespace}/{proposal.Metadata.Name}", proposal.Spec.Revision, message);
            await events.RecordAsync(proposal, Event.WarningType, "SafetyCheckFailed", "Verify", $"revision {proposal.Spec.Revision} is not applied: {message}", cancellationToken).ConfigureAwait(false);
        }

        if (status.Phase == ProposalPhase.Superseded && old?.Phase != ProposalPhase.Superseded)
        {
            await events.RecordAsync(proposal, Event.NormalType, "Superseded", "Propose", $"revision {status.SupersededRevision} ({(old?.AppliedRevision == status.SupersededRevision ? "applied" : "approved")}) is superseded by {status.SupersededBy}, which awaits review", cancellationToken).ConfigureAwait(false);
        }

        if (status.Phase == ProposalPhase.Drifted && old?.Phase != ProposalPhase.Drifted)
        {
            var message = status.Conditions.First(c => c.Type == ProposalConditions.Drifted).Message;
            LogDrifted(logger, $"{proposal.Metadata.Namespace}/{proposal.Metadata.Name}", message);
            await events.RecordAsync(proposal, Event.WarningType, "Drifted", "Verify", message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteStatusAsync(NetworkPolicyProposal proposal, NetworkPolicyProposalStatus status, CancellationToken cancellationToken)
    {
        if (proposal.Status is { } old && Same(old, status))
        {
            return;
        }

        await client.NetworkPolicyProposals.UpdateStatusAsync(proposal with { Status = status }, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "proposal {Proposal}: revision {Revision} applied ({Count} NetworkPolicy(ies) written)")]
    private static partial void LogApplied(ILogger logger, string proposal, long revision, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "proposal {Proposal}: the workload has no traffic left; proposal and policies removed")]
    private static partial void LogRemoved(ILogger logger, string proposal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "proposal {Proposal}: revision {Revision} failed the safety check: {Message}")]
    private static partial void LogSafetyFailed(ILogger logger, string proposal, long revision, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "proposal {Proposal}: drifted: {Message}")]
    private static partial void LogDrifted(ILogger logger, string proposal, string message);
}

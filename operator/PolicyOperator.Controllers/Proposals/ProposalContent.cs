using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Controllers.Proposals;

/// <summary>What the synthesis proposes for one workload.</summary>
/// <param name="Policies">The proposed policies with their evidence (empty when none could be written).</param>
/// <param name="Findings">What could not be turned into rules for this workload, said plainly.</param>
/// <param name="EvidenceLeftOut">Evidence entries beyond the CRD's bound (counted, not stored).</param>
public sealed record ProposalContent(IReadOnlyList<ProposedPolicy> Policies, IReadOnlyList<string> Findings, int EvidenceLeftOut);

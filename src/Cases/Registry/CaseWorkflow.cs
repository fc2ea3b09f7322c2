namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>
/// The status workflow: received → classified → accepted / refused / transferred / guided → under resolution →
/// resolved → closed. Anything else is refused.
/// </summary>
internal static class CaseWorkflow
{
    private static readonly Dictionary<CaseStatus, CaseStatus[]> Next = new()
    {
        [CaseStatus.Received] = [CaseStatus.Classified],
        [CaseStatus.Classified] = [CaseStatus.Accepted, CaseStatus.Refused, CaseStatus.Transferred, CaseStatus.Guided],
        [CaseStatus.Accepted] = [CaseStatus.UnderResolution],
        [CaseStatus.UnderResolution] = [CaseStatus.Resolved],
        [CaseStatus.Resolved] = [CaseStatus.Closed],
        [CaseStatus.Refused] = [CaseStatus.Closed],
        [CaseStatus.Transferred] = [CaseStatus.Closed],
        [CaseStatus.Guided] = [CaseStatus.Closed],
        [CaseStatus.Closed] = [],
    };

    public static IReadOnlyList<CaseStatus> AllowedFrom(CaseStatus status) => Next[status];

    public static bool CanMove(CaseStatus from, CaseStatus to) => Next[from].Contains(to);

    /// <summary>Vietnamese status names, for data other modules display (pages use the resource file).</summary>
    public static string Label(CaseStatus status) => CaseLabels.Label(status);
}

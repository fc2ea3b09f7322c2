using DaoVien.OnlineReception.Kernel.Staff;

namespace DaoVien.OnlineReception.Cases.Notifications;

/// <summary>
/// A feature's own follow-up dates (e.g. the plan steps and reviews of long-running cases, docs/adr/0087) as notices
/// for the daily sweep: the sweep drops those already sent and mails the rest in its digests. The feature depends
/// on notifications, not the other way round (no folder cycle).
/// </summary>
internal interface IFollowUpNotices
{
    Task<List<CaseNotification>> PlanAsync(DateOnly today, IReadOnlyList<StaffMember> chairmen, IReadOnlyList<int> thresholds, CancellationToken cancellationToken);
}

using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.ReceptionRules;

/// <summary>Whether the sessions of a reception day are recorded, as its reception rule says (for the recordings feature).</summary>
public interface IReceptionRecordingRules
{
    /// <summary>
    /// True when sessions of <paramref name="receptionDayId"/> are to be recorded: the day's rule has "record sessions" on,
    /// or the day has no rule (ad hoc) or is unknown — recording is the default, turning it off is the rule's explicit choice.
    /// </summary>
    Task<bool> RecordsSessionsAsync(Guid receptionDayId, CancellationToken cancellationToken = default);
}

internal sealed class ReceptionRecordingRules(SchedulingDbContext db) : IReceptionRecordingRules
{
    public async Task<bool> RecordsSessionsAsync(Guid receptionDayId, CancellationToken cancellationToken = default)
    {
        var record = await db.ReceptionDays.AsNoTracking()
            .Where(d => d.Id == receptionDayId && d.RuleId != null)
            .Join(db.ReceptionRules, d => d.RuleId, r => r.Id, (d, r) => (bool?)r.RecordSessions)
            .SingleOrDefaultAsync(cancellationToken);
        return record ?? true;
    }
}

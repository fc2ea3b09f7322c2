namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

/// <summary>Whether a reception day comes from a rule or was added ad hoc (đột xuất).</summary>
public enum ReceptionKind
{
    Regular = 0,
    AdHoc = 1,
}

/// <summary>A published reception day as other modules (the lobby, the reception book) may know it.</summary>
/// <param name="Id">Reception day id (the one bookings refer to).</param>
/// <param name="Date">Local date in the ward's time zone.</param>
/// <param name="StartTime">Local start time.</param>
/// <param name="EndTime">Local end time.</param>
/// <param name="StartsAt">Start instant (UTC): when the lobby may open is the realtime module's rule.</param>
/// <param name="EndsAt">End instant (UTC).</param>
/// <param name="PresidingOfficialId">The presiding staff account, or null while the rule only names a role.</param>
/// <param name="PresidingName">Name shown publicly (the official's name or the role's title).</param>
/// <param name="Place">Place of the in-person reception.</param>
/// <param name="Online">True when citizens may also join online.</param>
/// <param name="Kind">Regular or ad hoc.</param>
/// <param name="MovedFrom">The date it was moved from (holiday or staff), or null.</param>
/// <param name="Cancelled">True when staff cancelled it.</param>
public sealed record ReceptionDayInfo(
    Guid Id,
    DateOnly Date,
    TimeOnly StartTime,
    TimeOnly EndTime,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Guid? PresidingOfficialId,
    string PresidingName,
    string Place,
    bool Online,
    ReceptionKind Kind,
    DateOnly? MovedFrom,
    bool Cancelled);

/// <summary>Read access to the reception calendar for other modules (e.g. the lobby opening and closing on time).</summary>
public interface IReceptionCalendar
{
    /// <summary>The reception day with that id (published or cancelled), or null.</summary>
    Task<ReceptionDayInfo?> FindAsync(Guid receptionDayId, CancellationToken cancellationToken = default);

    /// <summary>Published (not cancelled) reception days with a local date in [<paramref name="from"/>, <paramref name="to"/>], by start.</summary>
    Task<IReadOnlyList<ReceptionDayInfo>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>Published reception days that overlap the instant range [<paramref name="from"/>, <paramref name="to"/>), by start.</summary>
    Task<IReadOnlyList<ReceptionDayInfo>> ListBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

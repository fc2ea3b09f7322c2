namespace DaoVien.OnlineReception.Scheduling.WorkingDays;

/// <summary>
/// The ward's working-day calendar, for every module that counts working days (deadlines, reception days).
/// Holidays come from the holiday list kept by staff (proposed and confirmed ones both count: an unconfirmed
/// Tết is still Tết).
/// </summary>
public interface IWorkingDayCalendar
{
    /// <summary>Loads the non-working days between <paramref name="first"/> and <paramref name="last"/> (inclusive).</summary>
    Task<WorkingCalendar> LoadAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken = default);
}

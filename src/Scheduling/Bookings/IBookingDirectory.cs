namespace DaoVien.OnlineReception.Scheduling.Bookings;

/// <summary>The kind of matter a citizen brings (Luật Tiếp công dân; Luật Khiếu nại; Luật Tố cáo).</summary>
public enum MatterKind
{
    Complaint = 0,
    Denunciation = 1,
    Petition = 2,
    Feedback = 3,
}

public enum BookingStatus
{
    Pending = 0,
    Confirmed = 1,
    Rejected = 2,
    Cancelled = 3,

    /// <summary>Not confirmed in time (<c>Scheduling:Bookings:UnconfirmedExpiry</c>): the slot is free again.</summary>
    Expired = 4,
}

/// <summary>
/// What other modules may know of a booking. <paramref name="DisplayName"/> is null for a denunciation: the
/// identity is sealed and never shown outside the case handler's view.
/// </summary>
/// <param name="Id">Booking id.</param>
/// <param name="Code">Short booking code the citizen holds.</param>
/// <param name="ReceptionDayId">The reception day booked.</param>
/// <param name="Date">Local date of the reception day.</param>
/// <param name="SlotStart">Local start time of the slot.</param>
/// <param name="SlotEnd">Local end time of the slot.</param>
/// <param name="Status">Pending, confirmed, rejected or cancelled.</param>
/// <param name="Kind">Matter kind.</param>
/// <param name="SubjectArea">Subject area (land, social policy, …).</param>
/// <param name="Summary">Short summary the citizen wrote (not shown publicly).</param>
/// <param name="DisplayName">Citizen's name, or null when sealed.</param>
/// <param name="RepresentativeCount">1 for one person; up to 5 representatives for a group.</param>
/// <param name="PresidingOfficialId">Staff account presiding over that reception day.</param>
/// <param name="SealedIdentity">
/// A denunciation's identity as sealed on arrival (<c>ds1.…</c>, JSON the offline tool opens); null otherwise. The
/// server cannot open it; the reception book and the case carry this same value (docs/adr/0081).
/// </param>
public sealed record BookingSummary(
    Guid Id,
    string Code,
    Guid ReceptionDayId,
    DateOnly Date,
    TimeOnly SlotStart,
    TimeOnly SlotEnd,
    BookingStatus Status,
    MatterKind Kind,
    string SubjectArea,
    string Summary,
    string? DisplayName,
    int RepresentativeCount,
    Guid PresidingOfficialId,
    string? SealedIdentity = null);

/// <summary>
/// What a citizen gave at booking about themselves, for the reception book and the case file the booking leads to
/// (Thông tư 04/2021/TT-TTCP: the book records name, address and identity document of whoever was received).
/// Never for a denunciation: that identity exists only sealed (<see cref="BookingSummary.SealedIdentity"/>).
/// </summary>
/// <param name="FullName">The booker's full name.</param>
/// <param name="CitizenIdNumber">The 12-digit personal identification number.</param>
/// <param name="Phone">Phone number as the citizen typed it (spaces and dots allowed).</param>
/// <param name="Email">E-mail address, if given.</param>
/// <param name="Address">Residence address.</param>
/// <param name="Representatives">A group's other representatives, by name (empty for one person).</param>
public sealed record BookingParticulars(string FullName, string CitizenIdNumber, string Phone, string? Email, string Address, IReadOnlyList<string> Representatives);

/// <summary>Read access to citizens' bookings for the realtime (lobby) and case-file modules.</summary>
public interface IBookingDirectory
{
    Task<BookingSummary?> FindAsync(Guid bookingId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The citizen's particulars as given at booking, or null for an unknown or sealed (denunciation) booking. Only the
    /// case-file side asks: the lobby and the room know a display name, nothing more.
    /// </summary>
    Task<BookingParticulars?> FindParticularsAsync(Guid bookingId, CancellationToken cancellationToken = default);

    /// <summary>
    /// <paramref name="bookingId"/> and the other bookings made with the same ID number (the citizen's earlier visits,
    /// for the presiding official's console); a sealed booking has no number in plain form and finds only itself.
    /// </summary>
    Task<IReadOnlyList<Guid>> SameCitizenAsync(Guid bookingId, CancellationToken cancellationToken = default);

    /// <summary>The booking whose private join link carries <paramref name="joinToken"/> (compared by hash), or null.</summary>
    Task<BookingSummary?> FindByJoinTokenAsync(string joinToken, CancellationToken cancellationToken = default);

    /// <summary>The booking with that short code (case and dashes ignored), or null.</summary>
    Task<BookingSummary?> FindByCodeAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Bookings (any status) on reception days of <paramref name="date"/>, in slot order.</summary>
    Task<IReadOnlyList<BookingSummary>> ListForDateAsync(DateOnly date, CancellationToken cancellationToken = default);

    /// <summary>
    /// Bookings still waiting for the office's confirmation on reception days from <paramref name="from"/> on, soonest
    /// first (for the staff's home page; the confirming itself stays on the office's bookings page).
    /// </summary>
    Task<IReadOnlyList<BookingSummary>> ListPendingAsync(DateOnly from, CancellationToken cancellationToken = default);
}

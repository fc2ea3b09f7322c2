namespace DaoVien.OnlineReception.Scheduling.Bookings;

/// <summary>Seals a booking after the fact, when the case opened from it is reclassified as a denunciation (docs/adr/0084).</summary>
public interface IBookingSealing
{
    /// <summary>
    /// Seals the identity and the attachments of booking <paramref name="bookingId"/> as a denunciation booking is
    /// sealed on arrival (docs/adr/0004, 0081), marks it a denunciation and removes its e-mail address from the outbox.
    /// Returns false when there is no such booking; a booking already sealed is left as it is.
    /// </summary>
    Task<bool> SealAsDenunciationAsync(Guid bookingId, CancellationToken cancellationToken = default);
}

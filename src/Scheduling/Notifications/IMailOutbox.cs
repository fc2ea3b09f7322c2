namespace DaoVien.OnlineReception.Scheduling.Notifications;

/// <summary>An e-mail to a staff member, written by another module into this module's outbox.</summary>
/// <param name="Id">
/// The message id, chosen by the caller and stable for one logical message (e.g. the id of the caller's digest row): a
/// second enqueue with the same id is refused, so a caller that retries after a crash never queues it twice.
/// </param>
/// <param name="Recipient">E-mail address.</param>
/// <param name="Subject">Subject line (at most 300 characters).</param>
/// <param name="Body">Plain-text body.</param>
public sealed record StaffMail(Guid Id, string Recipient, string Subject, string Body);

/// <summary>
/// The outbox for other modules' e-mails (docs/adr/0065): queued in PostgreSQL and delivered by the same sender job as
/// the booking e-mails, with the same retries and the same staff view of failures.
/// </summary>
public interface IMailOutbox
{
    /// <summary>Queues <paramref name="mail"/>; false when a message with its id is already queued (or sent).</summary>
    Task<bool> EnqueueAsync(StaffMail mail, CancellationToken cancellationToken = default);

    /// <summary>An absolute link to <paramref name="path"/> (starting with '/') on the app's public address.</summary>
    Uri Link(string path);
}

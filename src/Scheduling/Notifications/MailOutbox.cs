using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaoVien.OnlineReception.Scheduling.Notifications;

internal sealed class MailOutbox(SchedulingDbContext db, WardClock clock, PublicAddress publicAddress, OutboxBodies bodies) : IMailOutbox
{
    private const int MaxSubjectLength = 300;

    public async Task<bool> EnqueueAsync(StaffMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentException.ThrowIfNullOrWhiteSpace(mail.Recipient);
        if (await db.Outbox.AsNoTracking().AnyAsync(m => m.Id == mail.Id, cancellationToken))
        {
            return false;
        }

        var message = new OutboxMessage
        {
            Id = mail.Id,
            Kind = NotificationKind.StaffDigest,
            Recipient = mail.Recipient,
            Subject = mail.Subject.Length > MaxSubjectLength ? mail.Subject[..(MaxSubjectLength - 1)] + "…" : mail.Subject,
            Body = bodies.Seal(mail.Body),
            CreatedAt = clock.UtcNow,
        };
        db.Outbox.Add(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The primary key is the guard: a concurrent caller queued the same message a moment ago.
            db.Entry(message).State = EntityState.Detached;
            return false;
        }
    }

    public Uri Link(string path) => new(publicAddress.Link(path), UriKind.Absolute);
}

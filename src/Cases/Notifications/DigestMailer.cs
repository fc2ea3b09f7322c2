using System.Globalization;
using System.Text;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DaoVien.OnlineReception.Cases.Notifications;

/// <summary>
/// Puts each recipient's new reminders and overdue alerts into one e-mail a day, through the scheduling module's
/// outbox (docs/adr/0065). Two steps, each safe to repeat: (1) a digest row per recipient and day claims the undigested
/// notifications (unique per recipient and day); (2) every digest not yet queued goes into the outbox under its own id
/// (the outbox refuses an id twice). A crash between the steps leaves a digest that the next sweep queues.
/// </summary>
internal sealed class DigestMailer(CasesDbContext db, IMailOutbox outbox, IStaffDirectory staff, WardClock clock, ILogger<DigestMailer> logger)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Returns how many digests went into the outbox in this call.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        await ClaimAsync(clock.Today, cancellationToken);
        return await QueueAsync(cancellationToken);
    }

    private async Task ClaimAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var recipients = await db.Notifications.AsNoTracking().Where(n => n.DigestId == null).Select(n => n.RecipientId).Distinct().ToListAsync(cancellationToken);
        foreach (var recipient in recipients)
        {
            // One a day: what arrives after today's digest (a second sweep, a manual run) goes into tomorrow's.
            if (await db.Digests.AnyAsync(d => d.RecipientId == recipient && d.Date == today, cancellationToken))
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var digest = new DeadlineDigest { Id = Guid.CreateVersion7(), RecipientId = recipient, Date = today, CreatedAt = clock.UtcNow };
            db.Digests.Add(digest);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A concurrent sweep made today's digest for this person first.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                continue;
            }

            digest.NotificationCount = await db.Notifications
                .Where(n => n.RecipientId == recipient && n.DigestId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.DigestId, digest.Id), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task<int> QueueAsync(CancellationToken cancellationToken)
    {
        var waiting = await db.Digests.Where(d => d.QueuedAt == null && !d.NoAddress).OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var digest in waiting)
        {
            var member = await staff.FindAsync(digest.RecipientId, cancellationToken);
            if (member is not { IsActive: true } || string.IsNullOrWhiteSpace(member.Email))
            {
                digest.NoAddress = true;
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("Deadline digest {DigestId}: staff account {StaffId} has no e-mail address or is disabled; the dashboard still shows it", digest.Id, digest.RecipientId);
                continue;
            }

            var items = await db.Notifications.AsNoTracking().Where(n => n.DigestId == digest.Id).OrderBy(n => n.Kind).ThenBy(n => n.DueDate).ThenBy(n => n.CaseNumber).ToListAsync(cancellationToken);
            if (await outbox.EnqueueAsync(Compose(digest, member, items), cancellationToken))
            {
                queued++;
            }

            // Queued now or by an earlier attempt that crashed before this line: either way it is in the outbox once.
            digest.QueuedAt = clock.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
        }

        return queued;
    }

    private StaffMail Compose(DeadlineDigest digest, StaffMember member, List<CaseNotification> items)
    {
        var date = digest.Date.ToString("dd/MM/yyyy", Vi);
        var overdue = items.Count(n => n.Kind == NotificationKind.Overdue);
        var subject = overdue > 0
            ? string.Create(Vi, $"[Tiếp công dân] {date}: {overdue} hồ sơ quá hạn, {items.Count - overdue} nhắc hạn")
            : string.Create(Vi, $"[Tiếp công dân] {date}: {items.Count} hồ sơ sắp đến hạn");
        var body = new StringBuilder()
            .Append(Vi, $"Kính gửi {member.FullName},").AppendLine().AppendLine()
            .Append(Vi, $"Tổng hợp thời hạn hồ sơ ngày {date}:").AppendLine();
        foreach (var group in items.GroupBy(n => n.Kind))
        {
            body.AppendLine().AppendLine(group.Key == NotificationKind.Overdue ? "QUÁ HẠN" : "SẮP ĐẾN HẠN");
            foreach (var n in group)
            {
                body.Append("- ").AppendLine(n.Message)
                    .Append("  ").AppendLine(outbox.Link("/Cases/Details?id=" + n.CaseId.ToString("D", CultureInfo.InvariantCulture)).AbsoluteUri);
            }
        }

        body.AppendLine()
            .Append("Bảng theo dõi: ").AppendLine(outbox.Link("/Cases/Dashboard").AbsoluteUri)
            .AppendLine()
            .AppendLine("Thư tự động của hệ thống tiếp công dân trực tuyến UBND phường Đào Viên; mỗi người nhận một thư tổng hợp mỗi ngày.");
        return new StaffMail(digest.Id, member.Email!, subject, body.ToString());
    }
}

using System.Security.Cryptography;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Persistence;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DaoVien.OnlineReception.Scheduling.Notifications;

internal sealed record DeliveryResult(int Sent, int Failed, bool SmtpConfigured);

/// <summary>
/// Delivers pending outbox messages over SMTP (MailKit). Without a configured host it sends nothing and the
/// messages stay pending, visible to staff. A failure is recorded on the message and retried next run.
/// </summary>
internal sealed partial class OutboxSender(SchedulingDbContext db, WardClock clock, OutboxBodies bodies, IOptions<NotificationOptions> options, ILogger<OutboxSender> logger)
{
    public async Task<DeliveryResult> DeliverPendingAsync(int batchSize, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            return new DeliveryResult(0, 0, SmtpConfigured: false);
        }

        // Rows are claimed with SKIP LOCKED: two senders (a second instance, a manual run) never send one message twice.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pending = await db.Outbox
            .FromSql($"select * from scheduling.outbox_messages where \"SentAt\" is null and \"Attempts\" < {settings.MaxAttempts} order by \"CreatedAt\" limit {batchSize} for update skip locked")
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return new DeliveryResult(0, 0, SmtpConfigured: true);
        }

        int sent = 0, failed = 0;
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, settings.Smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Smtp.UserName))
            {
                await client.AuthenticateAsync(settings.Smtp.UserName, settings.Smtp.Password ?? "", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var message in pending)
            {
                message.Attempts++;
                message.LastError = Truncate(ex.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogWarning(ex, "SMTP server {Host}:{Port} unreachable; {Count} messages stay pending", settings.Smtp.Host, settings.Smtp.Port, pending.Count);
            return new DeliveryResult(0, pending.Count, SmtpConfigured: true);
        }

        foreach (var message in pending)
        {
            message.Attempts++;
            try
            {
                var body = bodies.Open(message.Body);
                await client.SendAsync(ToMime(message, body, settings.Smtp), cancellationToken);
                message.SentAt = clock.UtcNow;
                message.LastError = null;
                // Sent: the citizen has the link; the copy kept for the office must not work as one.
                message.Body = bodies.Seal(Bookings.JoinTokens.Redact(body));
                sent++;
            }
            catch (CryptographicException ex)
            {
                // The key ring that sealed it is gone (a restore without the keys): this message can never be sent.
                message.Attempts = settings.MaxAttempts;
                message.LastError = Truncate("Không giải mã được nội dung (khoá bảo vệ dữ liệu đã mất): " + ex.Message);
                failed++;
                UndecryptableMessage(logger, message.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.LastError = Truncate(ex.Message);
                failed++;
                logger.LogWarning(ex, "Outbox message {MessageId} not delivered (attempt {Attempt})", message.Id, message.Attempts);
            }

            // Saved per message, so what was sent is recorded even if a later one throws.
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return new DeliveryResult(sent, failed, SmtpConfigured: true);
    }

    private static MimeMessage ToMime(OutboxMessage message, string body, SmtpOptions smtp)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        mime.Subject = message.Subject;
        mime.MessageId = $"{message.Id:N}@daovien.outbox";
        mime.Body = new TextPart("plain") { Text = body };
        return mime;
    }

    private static string Truncate(string text) => text.Length > 1000 ? text[..1000] : text;

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} cannot be decrypted (Data Protection keys lost?); it will not be sent")]
    private static partial void UndecryptableMessage(ILogger logger, Guid messageId);
}

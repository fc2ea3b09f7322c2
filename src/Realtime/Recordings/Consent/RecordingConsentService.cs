using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DaoVien.OnlineReception.Realtime.Recordings.Consent;

/// <summary>
/// The notice and the acknowledgments. The text version is derived from the text itself (a hash), so an
/// acknowledgment always names exactly the words the participant saw, and changing the text changes the version.
/// </summary>
internal sealed class RecordingConsentService(RecordingsDbContext db, TimeProvider time, IOptions<RecordingOptions> options, ILogger<RecordingConsentService> logger)
    : IRecordingConsent
{
    private static readonly string Template = ReadTemplate();

    public ConsentNotice GetNotice()
    {
        var text = Template.Replace("{RetentionYears}", options.Value.RetentionYears.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        return new ConsentNotice($"vi-1-{hash}", text);
    }

    public async Task<DateTimeOffset> RecordAcknowledgmentAsync(Guid sessionId, Guid participantId, string textVersion, CancellationToken cancellationToken)
    {
        if (textVersion != GetNotice().TextVersion)
        {
            throw new ArgumentException("unknown or outdated notice version", nameof(textVersion));
        }

        var existing = await db.Consents.Where(c => c.SessionId == sessionId && c.ParticipantId == participantId && c.TextVersion == textVersion)
            .Select(c => (DateTimeOffset?)c.AcknowledgedAt).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } at)
        {
            return at;
        }

        // PostgreSQL keeps microseconds: store and return the same instant, so a repeat call answers identically.
        var clock = time.GetUtcNow();
        var now = clock.AddTicks(-(clock.Ticks % 10));
        db.Consents.Add(new ConsentAcknowledgment { SessionId = sessionId, ParticipantId = participantId, TextVersion = textVersion, AcknowledgedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return await db.Consents.Where(c => c.SessionId == sessionId && c.ParticipantId == participantId && c.TextVersion == textVersion).Select(c => c.AcknowledgedAt).SingleAsync(cancellationToken);
        }

        logger.LogInformation("Recording notice {TextVersion} acknowledged by participant {ParticipantId} of session {SessionId}", textVersion, participantId, sessionId);
        return now;
    }

    public Task<bool> IsConsentedAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken)
    {
        var version = GetNotice().TextVersion;
        return db.Consents.AnyAsync(c => c.SessionId == sessionId && c.ParticipantId == participantId && c.TextVersion == version, cancellationToken);
    }

    private static string ReadTemplate()
    {
        using var stream = typeof(RecordingConsentService).Assembly.GetManifestResourceStream("RecordingConsentNotice.txt")
            ?? throw new InvalidOperationException("recording notice resource missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }
}

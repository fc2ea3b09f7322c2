using System.Collections.Concurrent;
using System.Text.Json;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Realtime.Sessions;

/// <summary>
/// The chat of a session. In a denunciation's session (a denunciation booking, or an ad-hoc denunciation) what is
/// typed is the denouncer's own account: each line is stored sealed with the public key, like their identity, and the
/// participants of the running session see it in plain from memory only (<see cref="LiveSealedChat"/>). Stored
/// history, the minutes and every staff page show such a line as <see cref="SealedText"/> (docs/adr/0081).
/// </summary>
internal sealed class SessionChat(RealtimeDbContext db, LiveSealedChat live, IServiceProvider services, TimeProvider time)
{
    /// <summary>What a sealed line says wherever its plain text is not in the running session's memory.</summary>
    public const string SealedText = "(nội dung được niêm phong)";

    // Readable Vietnamese for the officer who opens it offline (the sealed JSON never reaches a browser).
    private static readonly JsonSerializerOptions SealedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Stores a line (sealed in a denunciation's session) and returns it as the participants see it.</summary>
    public async Task<ChatView> PostAsync(ReceptionSession session, Participant participant, string text, CancellationToken cancellationToken)
    {
        var message = new ChatMessage { SessionId = session.Id, ParticipantId = participant.Id, AuthorName = participant.DisplayName, SentAt = time.GetUtcNow(), Text = text };
        var sealedSession = await IsSealedAsync(session, cancellationToken);
        if (sealedSession)
        {
            // Self-contained once opened: the officer reading a list of opened lines sees who wrote what, when.
            message.SealedText = services.GetRequiredService<IIdentitySealer>().Seal(JsonSerializer.Serialize(
                new { SentAt = message.SentAt, Author = message.AuthorName, Text = text }, SealedJson));
            message.Text = "";
        }

        db.ChatMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        var view = new ChatView(message.Id, participant.Id, message.AuthorName, message.SentAt, text);
        if (sealedSession)
        {
            live.Add(session.Id, view);
        }

        return view;
    }

    /// <summary>The history a participant entering the running session gets: sealed lines in plain while this server holds them.</summary>
    public async Task<IReadOnlyList<ChatView>> HistoryAsync(ReceptionSession session, CancellationToken cancellationToken)
    {
        var rows = await db.ChatMessages.AsNoTracking().Where(m => m.SessionId == session.Id).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.ParticipantId, m.AuthorName, m.SentAt, m.Text, Sealed = m.SealedText != null })
            .ToListAsync(cancellationToken);
        var remembered = live.Lines(session.Id);
        return [.. rows.Select(m => m.Sealed
            ? remembered.GetValueOrDefault(m.Id) ?? new ChatView(m.Id, m.ParticipantId, m.AuthorName, m.SentAt, SealedText)
            : new ChatView(m.Id, m.ParticipantId, m.AuthorName, m.SentAt, m.Text))];
    }

    /// <summary>A denunciation's session: the booking's matter says so, or the ad-hoc matter chosen at opening.</summary>
    private async Task<bool> IsSealedAsync(ReceptionSession session, CancellationToken cancellationToken) =>
        session.AdHocKind == MatterKind.Denunciation
        || session.BookingId is { } bookingId
        && await services.GetRequiredService<IBookingDirectory>().FindAsync(bookingId, cancellationToken) is { Kind: MatterKind.Denunciation };
}

/// <summary>
/// Plain text of sealed chat lines of running sessions, in this process's memory only, so that a participant who
/// reloads the page still reads the conversation. Dropped when the session ends; lost (shown sealed) on a restart
/// or on another node — never written anywhere.
/// </summary>
internal sealed class LiveSealedChat
{
    /// <summary>Lines kept per session; older ones then show sealed (a bound on memory, not a chat limit).</summary>
    public const int MaxLinesPerSession = 2000;

    private readonly ConcurrentDictionary<Guid, SessionLines> _sessions = new();

    public void Add(Guid sessionId, ChatView line)
    {
        var lines = _sessions.GetOrAdd(sessionId, _ => new SessionLines());
        lock (lines)
        {
            lines.ById[line.Id] = line;
            lines.Order.Enqueue(line.Id);
            while (lines.Order.Count > MaxLinesPerSession)
            {
                lines.ById.Remove(lines.Order.Dequeue());
            }
        }
    }

    public IReadOnlyDictionary<long, ChatView> Lines(Guid sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var lines))
        {
            return new Dictionary<long, ChatView>();
        }

        lock (lines)
        {
            return new Dictionary<long, ChatView>(lines.ById);
        }
    }

    public void Forget(Guid sessionId) => _sessions.TryRemove(sessionId, out _);

    private sealed class SessionLines
    {
        public Dictionary<long, ChatView> ById { get; } = [];

        public Queue<long> Order { get; } = new();
    }
}

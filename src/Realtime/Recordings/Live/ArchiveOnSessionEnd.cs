using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Sessions;

namespace DaoVien.OnlineReception.Realtime.Recordings.Live;

/// <summary>A session that recorded anything is queued for archiving when it ends (after its room is destroyed), or when a crashed one gets its outcome.</summary>
internal sealed class ArchiveOnSessionEnd(IRecordingArchiver archiver, RecordingPaths paths) : ISessionOutcomeSink
{
    public async Task SessionEndedAsync(ReceptionSessionInfo session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!Directory.Exists(paths.RawFolder(session.SessionId)))
        {
            return; // never recorded (run unrecorded by choice, or recording off): nothing to archive
        }

        // An interrupted session's late outcome lands here too: its archive was queued as crashed at start-up (the queue
        // keeps the first request per session); should that have failed, it is still queued as what it was.
        var kind = session.Interrupted ? SessionEndKind.Crashed : SessionEndKind.Ended;
        await archiver.EnqueueAsync(Request(session, kind, session.EndedAt ?? session.StartedAt), cancellationToken);
    }

    public static ArchiveRequest Request(ReceptionSessionInfo session, SessionEndKind kind, DateTimeOffset endedAt)
    {
        var citizen = 0;
        var official = 0;
        var guest = 0;
        var participants = session.Participants.Select(p => new ArchiveParticipant(p.ParticipantId, p.Role switch
        {
            // Labels without personal data: the manifest travels with the archive.
            ParticipantRole.Presiding => "Chủ trì",
            ParticipantRole.Official => $"Cán bộ {++official}",
            ParticipantRole.Guest => $"Khách mời {++guest}",
            _ => $"Công dân {++citizen}",
        })).ToList();
        return new ArchiveRequest(session.SessionId, session.BookingId, null, session.StartedAt, endedAt, kind, participants, SealAsDenunciation: session.IsAdHocDenunciation);
    }
}

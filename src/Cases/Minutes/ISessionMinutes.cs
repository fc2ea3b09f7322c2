using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;

namespace DaoVien.OnlineReception.Cases.Minutes;

/// <summary>Someone who took part in the session, as the minutes name them.</summary>
/// <param name="Name">Display name (a neutral label for a sealed denouncer).</param>
/// <param name="Role">Role in words, e.g. "Chủ trì", "Cán bộ được mời", "Công dân".</param>
public sealed record MinutesParticipant(string Name, string Role);

/// <summary>One chat line of the session.</summary>
/// <param name="SentAt">When (UTC).</param>
/// <param name="Author">Display name of the author.</param>
/// <param name="Text">The text (ignored for a sealed line).</param>
/// <param name="Sealed">A line of a denunciation's session, stored sealed: the minutes say so instead of the text (docs/adr/0081).</param>
public sealed record MinutesChatLine(DateTimeOffset SentAt, string Author, string Text, bool Sealed = false);

/// <summary>Everything the minutes (biên bản tiếp công dân) of one session say, gathered by the web host from the modules.</summary>
/// <param name="SessionId">The reception session.</param>
/// <param name="PresidingOfficialId">Staff account of the presiding official: the one who confirms.</param>
/// <param name="StartedAt">Start (UTC).</param>
/// <param name="EndedAt">End (UTC).</param>
/// <param name="Kind">Matter kind; a denunciation's minutes are sealed.</param>
/// <param name="Participants">Presiding official, invited officials, citizens.</param>
/// <param name="Presented">What the citizen presented: the booking's summary or the ad-hoc reason, and the presiding official's notes.</param>
/// <param name="Outcome">The outcome.</param>
/// <param name="RefusalGround">Ground of a refusal.</param>
/// <param name="GuidedTo">Agency of a guidance.</param>
/// <param name="OutcomeNote">The presiding official's note on the outcome.</param>
/// <param name="Chat">The chat log in order.</param>
/// <param name="CaseNumber">The case opened from the session, if any.</param>
/// <param name="ArchiveManifestSha256">SHA-256 of the recording archive's manifest, once the archive is complete.</param>
/// <param name="Dialogue">A dialogue session held for the case <paramref name="CaseNumber"/> (biên bản đối thoại) rather than a reception.</param>
public sealed record MinutesInput(
    Guid SessionId,
    Guid PresidingOfficialId,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    CaseKind Kind,
    IReadOnlyList<MinutesParticipant> Participants,
    string Presented,
    ReceptionOutcome Outcome,
    ReceptionRefusalGround? RefusalGround,
    string? GuidedTo,
    string? OutcomeNote,
    IReadOnlyList<MinutesChatLine> Chat,
    string? CaseNumber,
    string? ArchiveManifestSha256,
    bool Dialogue = false);

/// <summary>
/// The minutes of every reception session (docs/adr/0067): generated as PDF when the session ends, generated again
/// when its archive is complete (to carry the manifest hash), confirmed by the presiding official, attached to the
/// session's case, sealed for a denunciation.
/// </summary>
public interface ISessionMinutes
{
    /// <summary>
    /// Generates the minutes of <see cref="MinutesInput.SessionId"/>, or a new version when the input adds what the
    /// stored one lacked (the archive hash, the case). Returns the minutes' id; idempotent for the same input.
    /// </summary>
    Task<Guid> GenerateAsync(MinutesInput input, CancellationToken cancellationToken = default);
}

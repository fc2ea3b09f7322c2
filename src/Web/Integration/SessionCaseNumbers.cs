using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Realtime.Recordings;

namespace DaoVien.OnlineReception.Web.Integration;

/// <summary>The archive worker asks (Realtime) for a session's case number; the case registry (Cases) knows it.</summary>
internal sealed class SessionCaseNumbers(ICaseHistoryReader cases) : IArchiveCaseNumbers
{
    public async Task<string?> ForSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        (await cases.ForSessionAsync(sessionId, cancellationToken))?.Number;
}

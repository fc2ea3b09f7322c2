using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>Saving an edit to a case's records when another member of staff may be editing the same at once.</summary>
internal static class CaseEdits
{
    /// <summary>
    /// Saves; false when the edit lost a race (the row's concurrency token moved, or a unique or check constraint
    /// refused a second entry): the database kept the first, nothing of this edit is saved and the context is cleared.
    /// </summary>
    public static async Task<bool> TrySaveAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>
    /// The refusal of an edit, logged: an unknown case is a warning (a stale page or someone probing numbers), any
    /// other refusal is the rules doing their work and only informational, never with a stack trace.
    /// </summary>
    /// <param name="logger">The service's logger.</param>
    /// <param name="what">What was refused, as the log reads it ("Second-instance result").</param>
    /// <param name="caseId">The case the edit was for.</param>
    /// <param name="error">The error code returned to the caller.</param>
    public static CaseResult Refused(ILogger logger, string what, Guid caseId, string error)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var level = error == CaseErrors.NotFound ? LogLevel.Warning : LogLevel.Information;
#pragma warning disable CA1848, CA2254 // one template for every editing service; refusals are rare
        logger.Log(level, "{What} of case {CaseId} refused: {Error}", what, caseId, error);
#pragma warning restore CA1848, CA2254
        return CaseResult.Fail(error);
    }
}

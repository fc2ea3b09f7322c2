using Microsoft.EntityFrameworkCore;
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
}

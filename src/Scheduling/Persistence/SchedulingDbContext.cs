using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Meetings;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using DaoVien.OnlineReception.Scheduling.ReceptionRules;
using DaoVien.OnlineReception.Scheduling.WorkingDays;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.Persistence;

/// <summary>
/// The scheduling module's tables, in schema <c>scheduling</c>.
/// New migration: <c>dotnet ef migrations add NAME --project src/Scheduling --startup-project src/Web --context SchedulingDbContext --output-dir Persistence/Migrations</c>
/// </summary>
internal sealed class SchedulingDbContext(DbContextOptions<SchedulingDbContext> options) : DbContext(options)
{
    public const string Schema = "scheduling";

    public DbSet<Holiday> Holidays => Set<Holiday>();

    public DbSet<ReceptionRule> ReceptionRules => Set<ReceptionRule>();

    public DbSet<ReceptionDay> ReceptionDays => Set<ReceptionDay>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<OfficialBusyPeriod> BusyPeriods => Set<OfficialBusyPeriod>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<BookingAttachment> BookingAttachments => Set<BookingAttachment>();

    public DbSet<AttachmentAccess> AttachmentAccessLog => Set<AttachmentAccess>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<RecordingSwitchChange> RecordingSwitchLog => Set<RecordingSwitchChange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SchedulingDbContext).Assembly);
    }
}

/// <summary>PostgreSQL error classification for the hard invariants the database enforces.</summary>
internal static class PostgresErrors
{
    public const string UniqueViolation = "23505";
    public const string ExclusionViolation = "23P01";
    public const string DeadlockDetected = "40P01";

    /// <summary>
    /// Whether a PostgreSQL error with this state (and constraint, when given) caused the exception. The whole chain is
    /// searched: Npgsql's execution strategy wraps a transient error (a deadlock) in an InvalidOperationException around
    /// the DbUpdateException.
    /// </summary>
    public static bool Is(Exception exception, string sqlState, string? constraint = null)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException pg && pg.SqlState == sqlState)
            {
                return constraint is null || pg.ConstraintName == constraint;
            }
        }

        return false;
    }
}

using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.LongRunning;
using DaoVien.OnlineReception.Cases.Minutes;
using DaoVien.OnlineReception.Cases.Notifications;
using DaoVien.OnlineReception.Cases.Publication;
using DaoVien.OnlineReception.Cases.ReceptionBook;
using DaoVien.OnlineReception.Cases.Reclassification;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Cases.Reports;
using DaoVien.OnlineReception.Cases.SecondInstance;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Cases.Persistence;

/// <summary>
/// The case-files module's tables, in schema <c>cases</c>.
/// New migration: <c>dotnet tool restore; dotnet ef migrations add NAME --project src/Cases --startup-project src/Web --context CasesDbContext --output-dir Persistence/Migrations</c>
/// </summary>
internal sealed class CasesDbContext(DbContextOptions<CasesDbContext> options) : DbContext(options)
{
    public const string Schema = "cases";

    public DbSet<CaseFile> Cases => Set<CaseFile>();

    public DbSet<CasePerson> Persons => Set<CasePerson>();

    public DbSet<CaseHistoryEntry> History => Set<CaseHistoryEntry>();

    public DbSet<CaseDeadline> Deadlines => Set<CaseDeadline>();

    public DbSet<CaseExtension> Extensions => Set<CaseExtension>();

    public DbSet<CaseLink> Links => Set<CaseLink>();

    public DbSet<CaseDocument> Documents => Set<CaseDocument>();

    public DbSet<ReceptionEntry> Receptions => Set<ReceptionEntry>();

    public DbSet<CaseNotification> Notifications => Set<CaseNotification>();

    public DbSet<SessionMinutesRecord> Minutes => Set<SessionMinutesRecord>();

    public DbSet<MinutesLogEntry> MinutesLog => Set<MinutesLogEntry>();

    public DbSet<DeadlineDigest> Digests => Set<DeadlineDigest>();

    public DbSet<CaseAccessLogEntry> AccessLog => Set<CaseAccessLogEntry>();

    public DbSet<CaseChange> Changes => Set<CaseChange>();

    public DbSet<ReceptionBookAccessEntry> ReceptionBookAccessLog => Set<ReceptionBookAccessEntry>();

    public DbSet<CasePublication> Publications => Set<CasePublication>();

    public DbSet<ForwardedLetter> ForwardedLetters => Set<ForwardedLetter>();

    public DbSet<ReportBack> ReportBacks => Set<ReportBack>();

    public DbSet<LongRunningCase> LongRunningCases => Set<LongRunningCase>();

    public DbSet<PlanStep> PlanSteps => Set<PlanStep>();

    public DbSet<CaseReview> CaseReviews => Set<CaseReview>();

    public DbSet<SecondInstanceResult> SecondInstanceResults => Set<SecondInstanceResult>();

    public DbSet<QuarterlyReportRecord> QuarterlyReports => Set<QuarterlyReportRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.HasSequence<long>("case_number_seq");
        modelBuilder.HasSequence<long>("minutes_number_seq");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CasesDbContext).Assembly);
    }
}

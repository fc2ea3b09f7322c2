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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SchedulingDbContext).Assembly);
    }
}

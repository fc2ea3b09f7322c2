using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>
/// Applies every module's EF Core migrations at start, before any other hosted service (Quartz, seeding) runs.
/// The modules register their DbContexts; this finds them in the service collection, so adding a module's
/// context needs no change here.
/// </summary>
internal sealed class DatabaseMigrator(IServiceProvider services, DbContextCatalog catalog, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var contextType in catalog.ContextTypes)
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
            logger.LogInformation("Applying migrations of {DbContext}", contextType.Name);
            await context.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The DbContext types registered by the modules, read from the service collection when first asked.</summary>
internal sealed class DbContextCatalog(IServiceCollection services)
{
    private IReadOnlyList<Type>? _types;

    public IReadOnlyList<Type> ContextTypes => _types ??= [.. services
        .Select(d => d.ServiceType)
        .Where(t => t.IsSubclassOf(typeof(DbContext)))
        .Distinct()
        .OrderBy(t => t == typeof(Identity.StaffDbContext) ? 0 : 1)
        .ThenBy(t => t.FullName, StringComparer.Ordinal)];
}

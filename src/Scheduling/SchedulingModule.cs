using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.Sealing;
using DaoVien.OnlineReception.Scheduling.WorkingDays;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DaoVien.OnlineReception.Scheduling;

/// <summary>Composition of the scheduling module: calendar, holidays, working days, reception days, bookings, meetings.</summary>
public static class SchedulingModule
{
    /// <summary>Name of the connection string every module's DbContext uses (one database, one schema per module).</summary>
    public const string ConnectionStringName = "Reception";

    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WardOptions>().BindConfiguration(WardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddDbContext<SchedulingDbContext>(o => o.UseNpgsql(
            builder.Configuration.GetConnectionString(ConnectionStringName),
            npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", SchedulingDbContext.Schema)));
        builder.Services.AddScoped<IWorkingDayCalendar, DatabaseWorkingDayCalendar>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<SealingOptions>().BindConfiguration(SealingOptions.Section);
        builder.Services.AddSingleton<IIdentitySealer, IdentitySealer>();
        return builder;
    }

    public static IEndpointRouteBuilder MapScheduling(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}

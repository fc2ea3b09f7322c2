using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Sessions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DaoVien.OnlineReception.Web.Integration;

/// <summary>Reactions that cross modules which must not reference each other (docs/architecture.md).</summary>
internal static class IntegrationExtensions
{
    public static WebApplicationBuilder AddCrossModuleReactions(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ISessionOutcomeSink, SessionToCaseFile>();
        builder.Services.AddScoped<IArchiveEvents, ArchiveToCaseFile>();
        // After SessionToCaseFile / ArchiveToCaseFile: the minutes name the case opened and the archive's hash.
        builder.Services.AddScoped<SessionToMinutes>();
        builder.Services.AddScoped<ISessionOutcomeSink>(sp => sp.GetRequiredService<SessionToMinutes>());
        builder.Services.AddScoped<IArchiveEvents>(sp => sp.GetRequiredService<SessionToMinutes>());
        builder.Services.AddScoped<SessionArchiveLinker>();
        builder.Services.RemoveAll<IArchiveCaseNumbers>();
        builder.Services.AddScoped<IArchiveCaseNumbers, SessionCaseNumbers>();
        builder.Services.RemoveAll<IArchiveAccessPolicy>();
        builder.Services.AddScoped<ArchiveAccessThroughCases>();
        builder.Services.AddScoped<IArchiveAccessPolicy>(sp => sp.GetRequiredService<ArchiveAccessThroughCases>());
        // Replaces Realtime's default (its own sessions of the booking only) whichever module registered first.
        builder.Services.RemoveAll<ICitizenHistory>();
        builder.Services.AddScoped<ICitizenHistory, CitizenHistoryWithCases>();
        builder.Services.RemoveAll<ISessionReceiptCases>();
        builder.Services.AddScoped<ISessionReceiptCases, SessionReceiptCases>();
        return builder;
    }
}

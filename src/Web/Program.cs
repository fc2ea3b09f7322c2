using DaoVien.OnlineReception.Cases;
using DaoVien.OnlineReception.Kernel;
using DaoVien.OnlineReception.Realtime;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Web.Hosting;

return await StartupGuard.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddWebHost(args);
    builder.AddKernel();
    builder.AddScheduling();
    builder.AddCases();
    builder.AddRealtime();

    var app = builder.Build();
    app.UseWebHost();
    app.MapScheduling();
    app.MapCases();
    app.MapRealtime();
    app.MapWebHost();
    await app.RunAsync();
});

/// <summary>Entry point; public so the test host (WebApplicationFactory) can find it.</summary>
public partial class Program;

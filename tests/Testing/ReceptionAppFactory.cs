using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// The real app (Program) on a real database, optionally on a real socket (Kestrel on a free port) so a browser
/// and SignalR clients can reach it. Extra settings and service overrides come from the test.
/// </summary>
public class ReceptionAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly List<Action<IServiceCollection>> _overrides = [];
    private bool _systemClock;

    public ReceptionAppFactory(string connectionString, string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        DataDirectory = dataDirectory;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Reception"] = connectionString,
            ["Reception:DataDirectory"] = dataDirectory,
        };
        // Recording every test session would make every session test wait on the consent notice and queue an archive
        // encode on a shared 2-core machine: tests about recording switch it on with this setting.
        _settings.TryAdd("Media:Recording:RecordByDefault", "false");
        // Likewise the embedded coturn: tests that start many apps side by side would all bind 3478 (coturn shares
        // it through SO_REUSEPORT). The TURN tests switch it on, each on ports of its own.
        _settings.TryAdd("Media:Turn:Enabled", "false");
        // Every test client is one address (loopback, or none in the in-memory server) and tests book the same
        // citizen many times: the abuse limits are tested by the tests about them, which set them low.
        _settings.TryAdd("Scheduling:Bookings:CreatesPerMinute", "10000");
        _settings.TryAdd("Scheduling:Bookings:MaxActivePerPerson", "1000");
        _settings.TryAdd("SignIn:PostsPerMinute", "10000");
        _settings.TryAdd("Realtime:HubNegotiationsPerMinute", "10000");
        _settings.TryAdd("Realtime:StaffAccountCheckSeconds", "1");
        // Test apps generate their sealing pair in the data folder and tests open sealed values with its private half:
        // the tests about that warning switch this off.
        _settings.TryAdd("Sealing:AcceptPrivateKeyInDataFolder", "true");
        // Tests sign chairmen and admins in by password; the second factor is tested by the tests about it, which keep
        // the default (a null value here leaves the app's own default in force).
        _settings.TryAdd("Accounts:TwoFactorRequiredRoles", "");
    }

    public string DataDirectory { get; }

    public static ReceptionAppFactory Create(string connectionString, string dataDirectory, IDictionary<string, string?>? settings = null) =>
        new(connectionString, dataDirectory, settings);

    /// <summary>Replaces services after the app registered its own (e.g. a FakeTimeProvider).</summary>
    public ReceptionAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _overrides.Add(configure);
        return this;
    }

    /// <summary>Runs the app on <paramref name="time"/> (e.g. a FakeTimeProvider the test moves) instead of the machine's clock.</summary>
    /// <param name="time">The clock every service of the app reads.</param>
    public ReceptionAppFactory WithClock(TimeProvider time) => WithServices(s =>
    {
        s.RemoveAll<TimeProvider>();
        s.AddSingleton(time);
    });

    /// <summary>
    /// Keeps the machine's clock even late in the ward's evening (no <see cref="WardDaytimeClock"/>): for tests that
    /// compare the app's times with what Janus stamps on its recordings. They cannot book "today" from 23:00 to
    /// midnight ward time (16:00–17:00 UTC).
    /// </summary>
    public ReceptionAppFactory WithSystemClock()
    {
        _systemClock = true;
        return this;
    }

    /// <summary>Starts Kestrel on a free loopback port and returns its base address (ends with '/').</summary>
    public Uri StartOnSocket()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        // UseSetting reaches Program's builder before it reads configuration (connection string, data folder).
        foreach (var (key, value) in _settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, InMemoryClientIsLocal>();
            // Late in the ward's evening a test booking "today" would have no day left to book: the app's clock reads
            // the next morning then (the system clock the rest of the day). A test's own clock below replaces it.
            if (!_systemClock)
            {
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(WardDaytimeClock.Create()));
            }

            foreach (var configure in _overrides)
            {
                configure(services);
            }
        });
    }

    /// <summary>Runs <paramref name="action"/> in a fresh DI scope of the app (a DbContext per call, as a request would have).</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Creates a staff account directly (for tests that are not about account management).</summary>
    public async Task<Guid> CreateStaffAsync(string userName, string password, string fullName, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, FullName = fullName, Email = $"{userName}@daovien.test", EmailConfirmed = true };
        Check(await users.CreateAsync(user, password));
        if (roles.Length > 0)
        {
            Check(await users.AddToRolesAsync(user, roles));
        }

        return user.Id;
    }

    /// <summary>Sets the unit a staff account works in (đơn vị công tác), as the administrator does on the accounts pages.</summary>
    public async Task SetStaffUnitAsync(Guid id, string? unit)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(id.ToString());
        Assert.NotNull(user);
        user.Unit = unit;
        Check(await users.UpdateAsync(user));
    }

    /// <summary>The generated admin password the app printed and wrote on its first start.</summary>
    public string ReadInitialAdminPassword()
    {
        var line = File.ReadAllLines(Path.Combine(DataDirectory, AdminBootstrapper.PasswordFileName)).Single(l => l.StartsWith("password: ", StringComparison.Ordinal));
        return line["password: ".Length..];
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}

/// <summary>
/// The in-memory test server gives requests no client address. A test's client runs on this machine, so it is
/// given the loopback address a local caller would have (health details, rate-limit partitions); a test that needs
/// a stranger sets the address itself. Kestrel requests always carry one and are left alone.
/// </summary>
internal sealed class InMemoryClientIsLocal : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>Convenience: staff roles for tests without another using.</summary>
public static class TestRoles
{
    public const string Admin = StaffRoles.Admin;
    public const string Chairman = StaffRoles.Chairman;
    public const string ViceChairman = StaffRoles.ViceChairman;
    public const string UnitHead = StaffRoles.UnitHead;
    public const string Staff = StaffRoles.Staff;
    public const string Inspector = StaffRoles.Inspector;
}

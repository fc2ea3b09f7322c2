using System.Text.Encodings.Web;
using System.Text.Unicode;
using DaoVien.OnlineReception.Kernel;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Web.CaseApi;
using DaoVien.OnlineReception.Web.Health;
using DaoVien.OnlineReception.Web.Identity;
using DaoVien.OnlineReception.Web.Forms;
using DaoVien.OnlineReception.Web.Integration;
using DaoVien.OnlineReception.Web.Monitoring;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.WebEncoders;

namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>What the web host itself brings: data folder, embedded database, migrations, staff identity, UI shell, health.</summary>
internal static class WebHostExtensions
{
    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--data-dir"] = $"{ReceptionHostOptions.Section}:DataDirectory",
        ["--public-url"] = $"{PublicUrlOptions.Section}:PublicUrl",
    };

    public static WebApplicationBuilder AddWebHost(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        // Texts made outside a request (scheduled jobs, hosted services) are in the ward's language whatever the
        // server's locale: a machine set to en_US must not start writing English (docs/adr/0096). Formats are not touched.
        System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = new System.Globalization.CultureInfo("vi-VN");
        // Under systemd (deploy/daovien-reception.service, Type=notify): ready only once migrations ran and Kestrel
        // listens, journal-friendly logs. Elsewhere it does nothing.
        builder.Host.UseSystemd();
        // Before anything starts (the embedded database takes seconds): a public URL that cannot work is one line.
        if (PublicUrlOptions.Problem(builder.Configuration[$"{PublicUrlOptions.Section}:PublicUrl"]) is { } publicUrlProblem)
        {
            throw new StartupException(publicUrlProblem);
        }

        var dataDirectory = ReceptionHostOptions.ResolveDataDirectory(builder.Configuration[$"{ReceptionHostOptions.Section}:DataDirectory"]);
        EnsureWritable(dataDirectory);
        builder.Configuration[$"{ReceptionHostOptions.Section}:DataDirectory"] = dataDirectory;
        builder.Services.AddOptions<ReceptionHostOptions>().BindConfiguration(ReceptionHostOptions.Section).ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.AddEmbeddedDatabaseIfNeeded(dataDirectory);
        var connectionString = builder.Configuration.GetConnectionString(KernelModule.ConnectionStringName)!;
        ValidateConnectionString(connectionString);

        // Migrations first, then seeding: hosted services start in registration order, before Kestrel listens.
        builder.Services.AddSingleton(new DbContextCatalog(builder.Services));
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddDbContext<StaffDbContext>(o => o.UseNpgsql(
            connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", StaffDbContext.Schema)));
        builder.AddStaffIdentity();
        builder.AddPublicEdge();
        builder.Services.AddHostedService<AdminBootstrapper>();
        builder.AddSignInLimits();

        builder.AddDataProtectionKeyRing(dataDirectory);
        // Vietnamese text stays readable in the HTML instead of becoming numeric character references.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddSingleton<HeldUploads>();
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", AuthorizationPolicies.AdminOnly);
        }).AddMvcOptions(o => o.ModelBinderProviders.Insert(0, new WardDateModelBinderProvider())).AddViewLocalization().AddDataAnnotationsLocalization(o =>
            o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["required"]);
        builder.AddMonitoring();
        builder.Services.AddHostedService<HangupSignal>();
        // Logging:Console:FormatterOptions is shared by the formatters; the simple one needs the trailing space of
        // TimestampFormat to separate the time from the level, the JSON one does not want it in its Timestamp field.
        builder.Services.PostConfigure<JsonConsoleFormatterOptions>(o => o.TimestampFormat = o.TimestampFormat?.TrimEnd());
        builder.AddCrossModuleReactions();
        builder.AddApiDocument();
        return builder;
    }

    private static void AddSignInLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignInLimitOptions>().BindConfiguration(SignInLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SignInThrottle>();
        // The limiter middleware and its rejection answer are the scheduling module's; this adds the sign-in policy.
        builder.Services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(SignInLimitOptions.RateLimitPolicy, context => ClientRateLimit.PerMinute(
            context, context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SignInLimitOptions>>().Value.PostsPerMinute, readsFree: true)));
    }

    private static void AddStaffIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<StaffUser, IdentityRole<Guid>>(o =>
            {
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = 10;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<StaffDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Between the password and the code: the account's id only, five minutes, never sent cross-site.
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "daovien.2fa";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "daovien.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Always Secure once the public address is HTTPS (PublicEdge); see docs/adr/0003.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "daovien.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.AdminOnly, p => p.RequireRole(StaffRoles.Admin))
            .AddPolicy(AuthorizationPolicies.AnyStaff, p => p.RequireRole([.. StaffRoles.All]));
        builder.Services.AddScoped<IStaffDirectory, StaffDirectory>();
    }

    // API callers get a status code, not an HTML sign-in page.
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || ctx.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>A browser navigating to a page (it accepts HTML), not a call to the API, the hub or a health probe.</summary>
    internal static bool WantsPage(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
    }

    public static WebApplication UseWebHost(this WebApplication app)
    {
        app.UsePublicEdge();
        // Vietnamese unless the person chose English (the footer's switch, kept in a cookie; ?culture=en for a link):
        // many phones in Vietnam run in English, and their owners still expect the ward's pages in Vietnamese.
        var cultures = Pages.LanguageModel.Cultures.ToList();
        var localization = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("vi-VN"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        localization.RequestCultureProviders = [.. localization.RequestCultureProviders.Where(p => p is not AcceptLanguageHeaderRequestCultureProvider)];
        app.UseRequestLocalization(localization);
        // A person in a browser gets a page in Vietnamese (Pages/Error); API, hub and script callers keep ProblemDetails.
        app.UseWhen(WantsPage, page =>
        {
            page.UseExceptionHandler("/Error");
            page.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });
        app.UseWhen(context => !WantsPage(context), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseHttpMetricsOfApp();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequiredAccountSetup();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWebHost(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapCaseApi();
        app.MapHealthEndpoint();
        app.MapMetricsEndpoint();
        app.MapApiDocument();
        return app;
    }

    private static void EnsureWritable(string dataDirectory)
    {
        try
        {
            Directory.CreateDirectory(dataDirectory);
            // Keys, secrets, the database and the evidence live here: the owner's alone. As root the embedded
            // PostgreSQL runs as 'postgres', which must pass through (not list or read) to reach its own folder.
            var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            if (Environment.UserName == "root")
            {
                mode |= UnixFileMode.OtherExecute;
            }

            File.SetUnixFileMode(dataDirectory, mode);
            var probe = Path.Combine(dataDirectory, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"thư mục dữ liệu {dataDirectory} không ghi được: {ex.Message}", ex);
        }
    }

    private static void ValidateConnectionString(string connectionString)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new StartupException($"chuỗi kết nối ConnectionStrings:Reception không hợp lệ: {ex.Message}", ex);
        }
    }
}

internal static class AuthorizationPolicies
{
    public const string AdminOnly = "AdminOnly";
    public const string AnyStaff = "AnyStaff";
}

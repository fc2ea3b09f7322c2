using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DaoVien.OnlineReception.Kernel;

/// <summary>Composition of what every module shares: the ward's settings and clock, the identity sealer.</summary>
public static class KernelModule
{
    /// <summary>Name of the connection string every module's DbContext uses (one database, one schema per module).</summary>
    public const string ConnectionStringName = "Reception";

    /// <summary>Registers the shared services; the host calls it before any module's <c>Add…</c>.</summary>
    public static IHostApplicationBuilder AddKernel(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<WardOptions>().BindConfiguration(WardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WardClock>();
        services.AddOptions<SealingOptions>().BindConfiguration(SealingOptions.Section);
        services.AddSingleton<IIdentitySealer, IdentitySealer>();
        services.AddSingleton<PrivateKeyOnServer>();
        services.AddHostedService<SealingKeyCheck>();
        services.AddHealthChecks().AddCheck<SealingHealthCheck>("sealing", tags: ["required"]);
        return builder;
    }
}

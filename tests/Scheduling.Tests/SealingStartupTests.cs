using System.Security.Cryptography;
using DaoVien.OnlineReception.Kernel;
using Microsoft.Extensions.Hosting;

namespace DaoVien.OnlineReception.Scheduling.Tests;

/// <summary>The sealing key is checked when the app starts, not at the first denunciation.</summary>
public sealed class SealingStartupTests
{
    [Fact]
    public async Task Start_BadSealingPublicKey_HostFailsToStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:" + KernelModule.ConnectionStringName] = "Host=127.0.0.1;Database=unused";
        builder.Configuration["Reception:DataDirectory"] = Directory.CreateTempSubdirectory("sealing-").FullName;
        builder.Configuration["Sealing:PublicKeyPem"] = "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----";
        builder.AddKernel();
        builder.AddScheduling();
        using var host = builder.Build();

        // The hosted services are built before any of them runs: the bad key stops the start before anything else.
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(Chain(failure), e => e is CryptographicException or System.Formats.Asn1.AsnContentException);
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}

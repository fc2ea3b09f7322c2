using System.Diagnostics;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>Runs the offline tool (tools/IdentityVault, built beside these tests) as the key holder would.</summary>
internal static class IdentityVaultTool
{
    public static async Task<(int Exit, string Output)> RunAsync(string[] args)
    {
        var ct = TestContext.Current.CancellationToken;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DaoVien.OnlineReception.IdentityVault.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        _ = await stderr;
        return (process.ExitCode, await stdout);
    }
}

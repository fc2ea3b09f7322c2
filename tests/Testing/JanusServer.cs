using DaoVien.OnlineReception.Realtime.MediaServer;
using Xunit;

namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// One Janus per test assembly (<c>[assembly: AssemblyFixture(typeof(JanusServer))]</c>), started exactly as the
/// app's embedded default starts it; apps under test reach it through <see cref="Settings"/> (Media:Janus:Url …).
/// Inside the test namespace it gathers ICE candidates on the veth interface rtc0 (Janus skips loopback).
/// </summary>
public sealed class JanusServer : IAsyncLifetime
{
    private JanusProcess? _process;

    public string RootDirectory { get; } = Path.Combine(Path.GetTempPath(), "daovien-janus-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The ICE interface setting for apps that run their own Janus in the test namespace.</summary>
    // Asked of the kernel (netlink), not of /sys: unshare -n keeps the host's /sys mounted.
    public static string? IceInterface =>
        System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().Any(i => i.Name == "rtc0") ? "rtc0" : null;

    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        _process = await JanusProcess.StartAsync(RootDirectory, new JanusOptions { IceEnforceList = IceInterface }, CancellationToken.None);
        Settings = new Dictionary<string, string?>
        {
            ["Media:Janus:Url"] = _process.Endpoint.Url.ToString(),
            ["Media:Janus:ApiSecret"] = _process.Endpoint.ApiSecret,
            ["Media:Janus:AdminKey"] = _process.Endpoint.AdminKey,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        try
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>Where and how to reach a Janus: the WebSocket URL and the secrets our requests carry.</summary>
internal sealed record JanusEndpoint(Uri Url, string? ApiSecret, string? AdminKey);

/// <summary>
/// Writes the configuration folder of an embedded Janus: only the VideoRoom plugin and the WebSocket transport
/// (both linked into folders of their own, so Janus cannot load anything else), WebSocket on 127.0.0.1 only,
/// generated API secret and VideoRoom admin key, RTP port range and ICE interfaces from options.
/// </summary>
internal static class JanusConfiguration
{
    public static JanusEndpoint Write(string folder, JanusOptions options, int webSocketPort)
    {
        Directory.CreateDirectory(folder);
        var plugins = LinkOnly(Path.Combine(folder, "plugins"), Path.Combine(options.LibraryFolder, "plugins", "libjanus_videoroom.so"));
        var transports = LinkOnly(Path.Combine(folder, "transports"), Path.Combine(options.LibraryFolder, "transports", "libjanus_websockets.so"));
        var events = LinkOnly(Path.Combine(folder, "events"), null);
        var loggers = LinkOnly(Path.Combine(folder, "loggers"), null);
        var apiSecret = NewSecret();
        var adminKey = NewSecret();

        var nat = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(options.IceEnforceList))
        {
            nat.Append(CultureInfo.InvariantCulture, $"\tice_enforce_list = {Quote(options.IceEnforceList)}\n");
        }
        else
        {
            nat.Append("\tice_ignore_list = \"vmnet\"\n");
        }

        if (!string.IsNullOrWhiteSpace(options.NatOneToOneAddress))
        {
            nat.Append(CultureInfo.InvariantCulture, $"\tnat_1_1_mapping = {Quote(options.NatOneToOneAddress)}\n");
            // Offer the private address too: a browser relayed by the coturn on this machine reaches Janus there
            // directly, where the public address would need the NAT to loop the packets back (ADR 0056).
            nat.Append("\tkeep_private_host = true\n");
        }

        WriteSecretFile(Path.Combine(folder, "janus.jcfg"), $$"""
            general: {
            	configs_folder = {{Quote(folder)}}
            	plugins_folder = {{Quote(plugins)}}
            	transports_folder = {{Quote(transports)}}
            	events_folder = {{Quote(events)}}
            	loggers_folder = {{Quote(loggers)}}
            	debug_level = 4
            	server_name = "daovien-reception"
            	api_secret = {{Quote(apiSecret)}}
            	session_timeout = {{options.SessionTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}}
            	protected_folders = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/sbin", "/sys", "/usr", "/var"]
            }
            certificates: {
            }
            media: {
            	rtp_port_range = {{Quote(options.RtpPortRange)}}
            }
            nat: {
            {{nat}}}
            plugins: {
            }
            transports: {
            }
            loggers: {
            }
            events: {
            }
            """);
        WriteSecretFile(Path.Combine(folder, "janus.transport.websockets.jcfg"), $$"""
            general: {
            	json = "compact"
            	ws = true
            	ws_port = {{webSocketPort.ToString(CultureInfo.InvariantCulture)}}
            	ws_ip = "127.0.0.1"
            	wss = false
            }
            admin: {
            	admin_ws = false
            	admin_wss = false
            }
            """);
        WriteSecretFile(Path.Combine(folder, "janus.plugin.videoroom.jcfg"), $$"""
            general: {
            	admin_key = {{Quote(adminKey)}}
            	lock_rtp_forward = true
            }
            """);
        return new JanusEndpoint(new Uri($"ws://127.0.0.1:{webSocketPort.ToString(CultureInfo.InvariantCulture)}/"), apiSecret, adminKey);
    }

    /// <summary>A TCP port nobody listens on right now (Janus binds it a moment later).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string LinkOnly(string folder, string? target)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        if (target is not null)
        {
            if (!File.Exists(target))
            {
                throw new InvalidOperationException($"Janus library {target} is missing: install the Debian package 'janus'.");
            }

            File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(target)), target);
        }

        return folder;
    }

    private static void WriteSecretFile(string path, string content)
    {
        // The files hold the API secret and admin key: owner-only from the moment they exist.
        File.WriteAllText(path, string.Empty);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, content.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
    }

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    // libconfig strings: escape backslash and quote; our values never hold newlines (validated by their sources).
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

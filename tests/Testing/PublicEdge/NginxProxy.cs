using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DaoVien.OnlineReception.Testing.PublicEdge;

/// <summary>
/// Debian's nginx running the site file the project ships (<c>deploy/nginx/daovien-reception.conf</c>) in front of an
/// app under test: only the host name, certificate, listening address and upstream port are changed, so a test of
/// it is a test of what an operator installs.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    private const string ShippedHost = "tiepdan.daovien.gov.vn";
    private readonly Process _process;

    private NginxProxy(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    public string Folder { get; }

    public string ErrorLog => Path.Combine(Folder, "error.log");

    public static string SiteFile => Path.Combine(RepositoryPaths.Root, "deploy", "nginx", "daovien-reception.conf");

    /// <summary>Starts nginx on <paramref name="listenAddress"/> (ports 80 and 443) proxying to <paramref name="upstream"/>.</summary>
    public static async Task<NginxProxy> StartAsync(string folder, TestCertificate certificate, IPAddress listenAddress, Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(listenAddress);
        ArgumentNullException.ThrowIfNull(upstream);
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's 'nginx' package (./test.sh does).");
        }

        Directory.CreateDirectory(folder);
        var listen = listenAddress.ToString();
        var site = File.ReadAllText(SiteFile)
            .Replace("/etc/letsencrypt/live/" + ShippedHost + "/fullchain.pem", certificate.CertificatePath, StringComparison.Ordinal)
            .Replace("/etc/letsencrypt/live/" + ShippedHost + "/privkey.pem", certificate.KeyPath, StringComparison.Ordinal)
            .Replace(ShippedHost, certificate.HostName, StringComparison.Ordinal)
            .Replace("server 127.0.0.1:5080;", $"server {upstream.Host}:{upstream.Port.ToString(CultureInfo.InvariantCulture)};", StringComparison.Ordinal)
            .Replace("listen 80;", $"listen {listen}:80;", StringComparison.Ordinal)
            .Replace("listen 443 ssl", $"listen {listen}:443 ssl", StringComparison.Ordinal);
        // The test namespace has no IPv6 address to offer; the shipped file listens on both.
        site = string.Join('\n', site.Split('\n').Where(l => !l.TrimStart().StartsWith("listen [::]", StringComparison.Ordinal)));
        var sitePath = Path.Combine(folder, "site.conf");
        await File.WriteAllTextAsync(sitePath, site);
        var temp = Path.Combine(folder, "temp");
        Directory.CreateDirectory(temp);
        var main = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(main, $$"""
            daemon off;
            worker_processes 1;
            pid {{Path.Combine(folder, "nginx.pid")}};
            error_log {{Path.Combine(folder, "error.log")}} info;
            events { worker_connections 256; }
            http {
                access_log {{Path.Combine(folder, "access.log")}};
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                include {{sitePath}};
            }
            """);

        var psi = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-p", folder, "-c", main })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("nginx did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new NginxProxy(process, folder);
        await proxy.WaitListeningAsync(listenAddress);
        return proxy;
    }

    private async Task WaitListeningAsync(IPAddress address)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(address, 443);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        var log = File.Exists(ErrorLog) ? await File.ReadAllTextAsync(ErrorLog) : "";
        await DisposeAsync();
        throw new InvalidOperationException($"nginx did not listen on {address}:443: {log}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // The master and its worker: this process tree only.
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}

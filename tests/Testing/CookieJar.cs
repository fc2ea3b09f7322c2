using System.Net;

namespace DaoVien.OnlineReception.Testing;

/// <summary>One browser's cookies, shared by the HTTP clients made from it (a sign-in on one is seen by the others).</summary>
public sealed class CookieJar : IDisposable
{
    private readonly CookieContainer _container = new();
    private readonly List<HttpMessageHandler> _handlers = [];

    public HttpClient Client(Uri baseAddress, bool followRedirects = true)
    {
        var handler = new HttpClientHandler { CookieContainer = _container, AllowAutoRedirect = followRedirects };
        _handlers.Add(handler);
        return new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress };
    }

    public void Dispose()
    {
        foreach (var h in _handlers)
        {
            h.Dispose();
        }
    }
}

using System.Net;
using DaoVien.OnlineReception.Testing;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>A person in a browser gets a page in Vietnamese for a missing page; API callers keep ProblemDetails.</summary>
public sealed class ErrorPageTests(PostgresServer server)
{
    [Fact]
    public async Task MissingPage_FromABrowser_VietnamesePageWith404_FromAScript_ProblemDetails()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "err-" + Guid.NewGuid().ToString("N")[..8]));
        using var client = app.CreateClient();

        using var page = await GetAsync(client, "/khong-co-trang-nay", "text/html,application/xhtml+xml,*/*;q=0.8", ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.Contains("Không tìm thấy nội dung cần xem", html, StringComparison.Ordinal);
        Assert.Contains("data-code=\"404\"", html, StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        using var script = await GetAsync(client, "/khong-co-trang-nay", "application/json", ct);
        Assert.Equal(HttpStatusCode.NotFound, script.StatusCode);
        Assert.Equal("application/problem+json", script.Content.Headers.ContentType?.MediaType);

        // The API answers as an API even to a browser-like Accept header.
        using var api = await GetAsync(client, "/api/khong-co", "text/html,*/*;q=0.8", ct);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.NotEqual("text/html", api.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string accept, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request, ct);
    }
}

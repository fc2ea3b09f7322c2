using System.Net;
using System.Text.Json;
using DaoVien.OnlineReception.Testing;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>The HTTP API is described at /openapi/v1.json: the public calendar and booking endpoints and the staff APIs.</summary>
public sealed class OpenApiTests(PostgresServer server)
{
    private static readonly (string Method, string Path)[] Operations =
    [
        // public
        ("get", "/api/calendar/reception-days"),
        ("get", "/calendar.ics"),
        ("post", "/api/bookings"),
        ("get", "/api/bookings/{code}"),
        // staff
        ("get", "/api/bookings/"),
        ("post", "/api/bookings/{id}/confirm"),
        ("post", "/api/bookings/{id}/reject"),
        ("post", "/api/reception-days/"),
        ("post", "/api/reception-days/{id}/cancel"),
        ("post", "/api/reception-days/{id}/move"),
        ("post", "/api/reception-days/{id}/presiding"),
        ("get", "/api/meetings/"),
        ("post", "/api/meetings/"),
        ("post", "/api/cases/{id}/reclassify"),
        ("put", "/api/cases/{id}/long-running"),
        ("post", "/api/cases/{id}/long-running/steps"),
        ("get", "/api/cases/long-running"),
        ("get", "/api/cases/{id}/second-instance"),
        ("put", "/api/cases/{id}/second-instance"),
    ];

    [Fact]
    public async Task OpenApiDocument_Anonymous_ListsThePublicAndStaffEndpointsWithTheirInputs()
    {
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "openapi-" + Guid.NewGuid().ToString("N")[..8]));
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;

        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Tiếp công dân trực tuyến — UBND phường Đào Viên", root.GetProperty("info").GetProperty("title").GetString());
        var paths = root.GetProperty("paths");
        var listed = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (o.Name, p.Name))).ToHashSet();
        var missing = Operations.Where(op => !listed.Contains(Normalize(op, listed))).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing) + " — listed: " + string.Join(", ", listed.Select(l => l.Item1 + " " + l.Item2)));

        // Inputs are described too: the booking body and the calendar's query.
        var book = paths.GetProperty("/api/bookings").GetProperty("post");
        Assert.True(book.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var calendarQuery = paths.GetProperty("/api/calendar/reception-days").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["from", "to"], calendarQuery);
        // No host is named until the public address is configured.
        Assert.False(root.TryGetProperty("servers", out var servers) && servers.GetArrayLength() > 0);
    }

    [Fact]
    public async Task OpenApiDocument_PublicUrlConfigured_ServersIsThePublicAddress()
    {
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "openapi-" + Guid.NewGuid().ToString("N")[..8]),
            new Dictionary<string, string?> { ["Reception:PublicUrl"] = "https://tiepdan.daovien.gov.vn" });
        using var client = app.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken));

        var servers = json.RootElement.GetProperty("servers");
        Assert.Equal("https://tiepdan.daovien.gov.vn", Assert.Single(servers.EnumerateArray()).GetProperty("url").GetString());
    }

    // A group's root route ("/api/bookings/") is listed with or without its trailing slash depending on the generator.
    private static (string, string) Normalize((string Method, string Path) op, HashSet<(string, string)> listed) =>
        listed.Contains(op) ? op : (op.Method, op.Path.TrimEnd('/'));
}

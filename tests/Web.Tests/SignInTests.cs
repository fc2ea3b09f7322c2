using System.Net;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>Issue 11, item 5: sign-in limited per client, one reply for every failure, no account lock-out by strangers.</summary>
public sealed class SignInTests(PostgresServer server)
{
    private static readonly Uri Login = new("Account/Login", UriKind.Relative);

    [Fact]
    public async Task SignIn_OneClient_GetsTooManyRequestsWithAVietnameseSentence()
    {
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), NewDataDirectory(), new Dictionary<string, string?> { ["SignIn:PostsPerMinute"] = "3" });
        var address = app.StartOnSocket();
        using var client = new HttpClient { BaseAddress = address };

        var statuses = new List<HttpStatusCode>();
        string? refusal = null;
        for (var i = 0; i < 5; i++)
        {
            using var response = await PostAsync(client, "nobody", "wrong-" + i);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refusal = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("quá nhiều yêu cầu", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_StrangerGuessing_CannotLockTheAccountAndLearnsNothing()
    {
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), NewDataDirectory());
        var address = app.StartOnSocket();
        var chairmanId = await app.CreateStaffAsync("chutich", "Chairman-pass-2026", "Chủ tịch", TestRoles.Chairman);
        using var stranger = new HttpClient { BaseAddress = address };

        var known = new List<string>();
        var unknown = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            known.Add(Reply(await ReadAsync(await PostAsync(stranger, "chutich", "guess-" + i))));
            unknown.Add(Reply(await ReadAsync(await PostAsync(stranger, "khongco", "guess-" + i))));
        }

        // The same sentence, attempt by attempt, for an existing account and an unknown name.
        Assert.Equal(known, unknown);
        Assert.Contains("nhập sai nhiều lần", known[^1], StringComparison.Ordinal);
        // The account itself is not locked: the chairman signs in at the office.
        var lockoutEnd = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<StaffUser>>().FindByIdAsync(chairmanId.ToString()))!.LockoutEnd);
        Assert.Null(lockoutEnd);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string userName, string password)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(Login, TestContext.Current.CancellationToken),
        });
        return await client.PostAsync(Login, form, TestContext.Current.CancellationToken);
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }
    }

    // The validation summary's sentence (the antiforgery token and the typed name differ between replies).
    private static string Reply(string html)
    {
        var start = html.IndexOf("validation-summary", StringComparison.Ordinal);
        Assert.True(start >= 0, "no error shown");
        var li = html.IndexOf("<li>", start, StringComparison.Ordinal) + 4;
        return html[li..html.IndexOf("</li>", li, StringComparison.Ordinal)];
    }

    private string NewDataDirectory() => Path.Combine(server.RootDirectory, "signin-" + Guid.NewGuid().ToString("N")[..8]);
}

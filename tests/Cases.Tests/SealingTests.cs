using System.Security.Cryptography;
using System.Text;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>
/// The sealing property: with everything the server has — its configuration, its data folder (minus the OFFLINE
/// private key file the operator removes, docs/adr/0004) and its database — a denouncer's identity cannot be
/// recovered; the offline tool, given the private key, recovers it.
/// </summary>
public sealed class SealingTests(CasesApp app) : IClassFixture<CasesApp>
{
    private const string Name = "Phạm Thị Tố Giác";
    private const string IdNumber = "079123456789";
    private const string Address = "12 Ngõ Bí Mật, Đào Viên";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DenouncerIdentity_ServerCannotRecover_OfflineToolCan()
    {
        Guid caseId;
        await using (var scope = app.Scope())
        {
            var intake = scope.ServiceProvider.GetRequiredService<ICaseIntake>();
            var reception = await intake.RecordReceptionAsync(new ReceptionRecord(
                app.Clock.GetUtcNow(), CaseChannel.OnlineSession, CaseKind.Denunciation, "Quản lý đất đai", "Tố cáo cán bộ địa chính nhận tiền",
                [new ReceptionParticipant(Name, Address, IdNumber, "0912345678", false)], 1, ReceptionOutcome.CaseAccepted,
                null, null, null, null, Guid.NewGuid(), null, null), Ct);
            Assert.True(reception.Succeeded, reception.Error);
            var created = await intake.CreateCaseFromReceptionAsync(reception.Value, null, Ct);
            Assert.True(created.Succeeded, created.Error);
            caseId = created.Value!.CaseId;
        }

        // A letter by post entered by staff goes through the same sealing.
        await app.CreateAsync(CaseKind.Denunciation, persons: TestData.Person(Name, IdNumber, Address));

        // The operator's step after the first start: the private key leaves the server.
        var offline = Directory.CreateTempSubdirectory("offline-vault-").FullName;
        var privateKey = Path.Combine(offline, IdentitySealer.PrivateKeyFileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(app.DataDirectory, IdentitySealer.PrivateKeyFileName)));
        File.Move(Path.Combine(app.DataDirectory, IdentitySealer.PrivateKeyFileName), privateKey);

        var sealedValues = await SealedValuesAsync();
        Assert.NotEmpty(sealedValues);
        Assert.All(sealedValues, v => Assert.StartsWith(SealedBox.Prefix, v, StringComparison.Ordinal));

        // 1. Nothing the server holds carries the identity in plain form.
        var database = await DumpDatabaseAsync();
        var folder = string.Join('\n', Directory.EnumerateFiles(app.DataDirectory, "*", SearchOption.AllDirectories).Select(ReadText));
        var configuration = string.Join('\n', app.Factory.Services.GetRequiredService<IConfiguration>().AsEnumerable().Select(kv => kv.Value));
        // Also the JSON-escaped spelling (\u1EA1…), in case a value sits inside some serialized column.
        foreach (var secret in new[] { Name, IdNumber, Address, System.Text.Json.JsonSerializer.Serialize(Name).Trim('"'), System.Text.Json.JsonSerializer.Serialize(Address).Trim('"') })
        {
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, folder, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, configuration, StringComparison.Ordinal);
        }

        // 2. No key material the server holds opens a sealed value.
        var keys = PemBlocks(folder + "\n" + configuration).ToList();
        Assert.NotEmpty(keys);
        Assert.DoesNotContain(keys, k => k.Contains("PRIVATE KEY", StringComparison.Ordinal));
        foreach (var key in keys)
        {
            foreach (var value in sealedValues)
            {
                Assert.ThrowsAny<CryptographicException>(() => SealedBox.Open(value, key));
            }
        }

        // 3. The offline tool, with the private key, opens every one of them.
        var (exit, output) = await IdentityVaultTool.RunAsync(["open", "--key", privateKey, .. sealedValues]);
        Assert.Equal(0, exit);
        Assert.Equal(sealedValues.Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(Name, output, StringComparison.Ordinal);
        Assert.Contains(IdNumber, output, StringComparison.Ordinal);
        Assert.Contains(Address, output, StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, caseId);
    }

    [Fact]
    public async Task IdentityVault_KeyGen_PublicKeySealsWhatOnlyTheToolOpens()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("vault-keygen-").FullName, "keys");
        var (exit, _) = await IdentityVaultTool.RunAsync(["keygen", "--out", folder]);
        Assert.Equal(0, exit);
        var privateFile = Path.Combine(folder, "sealing-private-key.OFFLINE.pem");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privateFile));

        var sealedValue = SealedBox.Seal("Trần Văn Bí Mật", await File.ReadAllTextAsync(Path.Combine(folder, "sealing-public-key.pem"), Ct));
        var (openExit, output) = await IdentityVaultTool.RunAsync(["open", "--key", privateFile, sealedValue]);
        Assert.Equal(0, openExit);
        Assert.Equal("Trần Văn Bí Mật", output.Trim());

        // A second keygen never overwrites the private key.
        Assert.Equal(2, (await IdentityVaultTool.RunAsync(["keygen", "--out", folder])).Exit);
    }

    private async Task<List<string>> SealedValuesAsync()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        var persons = await db.Persons.Where(p => p.SealedIdentity != null).Select(p => p.SealedIdentity!).ToListAsync(Ct);
        var receptions = await db.Receptions.Where(r => r.SealedIdentity != null).Select(r => r.SealedIdentity!).ToListAsync(Ct);
        return [.. persons, .. receptions];
    }

    private async Task<string> DumpDatabaseAsync()
    {
        var (rows, tables) = await DatabaseDump.ReadAsync(app.ConnectionString, Ct);
        Assert.Contains("cases.case_persons", tables);
        return rows;
    }

    private static string ReadText(string path)
    {
        // Binary files too: a plain UTF-8 name inside them would still show up.
        var bytes = File.ReadAllBytes(path);
        return Encoding.UTF8.GetString(bytes);
    }

    private static IEnumerable<string> PemBlocks(string text)
    {
        var start = 0;
        while ((start = text.IndexOf("-----BEGIN ", start, StringComparison.Ordinal)) >= 0)
        {
            var endMarker = text.IndexOf("-----END ", start, StringComparison.Ordinal);
            var end = text.IndexOf("-----", endMarker + 9, StringComparison.Ordinal) + 5;
            yield return text[start..end];
            start = end;
        }
    }
}

using System.Security.Cryptography;
using DaoVien.OnlineReception.Kernel.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Web.Identity;

/// <summary>
/// Creates the roles, and on the very first start (no staff account at all) an <c>admin</c> account with a random
/// password that is printed once to the console and written to <c>initial-admin.txt</c> (mode 0600) in the data folder.
/// </summary>
internal sealed class AdminBootstrapper(IServiceProvider services, IOptions<Hosting.ReceptionHostOptions> hostOptions, ILogger<AdminBootstrapper> logger) : IHostedService
{
    public const string AdminUserName = "admin";
    public const string PasswordFileName = "initial-admin.txt";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)));
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (users.Users.Any())
        {
            return;
        }

        var password = GeneratePassword();
        var admin = new StaffUser { UserName = AdminUserName, FullName = "Quản trị hệ thống", EmailConfirmed = true };
        Check(await users.CreateAsync(admin, password));
        Check(await users.AddToRoleAsync(admin, StaffRoles.Admin));
        Check(await users.AddClaimAsync(admin, PasswordChange.Required));

        var dataDirectory = Hosting.ReceptionHostOptions.ResolveDataDirectory(hostOptions.Value.DataDirectory);
        var file = Path.Combine(dataDirectory, PasswordFileName);
        await using (var stream = new FileStream(file, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync($"user: {AdminUserName}");
            await writer.WriteLineAsync($"password: {password}");
        }

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Printed straight to the console, never through the logger: log sinks keep what they receive.
        Console.WriteLine($"Tài khoản quản trị đầu tiên: {AdminUserName} / {password} (cũng lưu trong {file}, đổi mật khẩu ở lần đăng nhập đầu tiên)");
        logger.LogInformation("Created the initial admin account; its password is in {PasswordFile}", file);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static string GeneratePassword()
    {
        // 16 characters from four classes so Identity's default password rules always accept it.
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "!@#$%*-_+=";
        var all = upper + lower + digits + symbols;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

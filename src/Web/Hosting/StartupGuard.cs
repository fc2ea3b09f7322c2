using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>Turns a failure at start into one clear line on stderr and a non-zero exit code.</summary>
internal static class StartupGuard
{
    public static async Task<int> RunAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (HostAbortedException)
        {
            // The test host stops the app on purpose after capturing it.
            throw;
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            await Console.Error.WriteLineAsync($"Không khởi động được ứng dụng: {message}");
            return 1;
        }
    }

    internal static string Describe(Exception ex)
    {
        var root = ex;
        while (root is AggregateException { InnerException: { } inner })
        {
            root = inner;
        }

        var text = root switch
        {
            StartupException s => s.Message,
            OptionsValidationException o => "cấu hình không hợp lệ: " + string.Join("; ", o.Failures),
            IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
                "cổng đã có chương trình khác dùng (address already in use): " + io.Message,
            Npgsql.NpgsqlException n => "không kết nối được cơ sở dữ liệu PostgreSQL: " + n.Message,
            ArgumentException a when a.Message.Contains("connection string", StringComparison.OrdinalIgnoreCase) =>
                "chuỗi kết nối cơ sở dữ liệu không hợp lệ: " + a.Message,
            _ => $"{root.GetType().Name}: {root.Message}",
        };
        return text.ReplaceLineEndings(" ");
    }
}

/// <summary>A start-up failure whose message is already the sentence to show the operator.</summary>
internal sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);

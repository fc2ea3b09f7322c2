using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>
/// While PostgreSQL is unreachable (restarting after a crash, in recovery, the network to it down) a request that
/// needs it fails with a transport error deep inside EF Core. That is not a bug of the request: answer 503 with
/// Retry-After — a sentence in Vietnamese on pages, a ProblemDetails on the API — and log one line, no stack trace.
/// Any other exception goes on to the default handler (500).
/// </summary>
internal sealed partial class DatabaseUnavailableHandler(IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    internal const string Title = "Hệ thống tạm thời gián đoạn";
    internal const string Message = "Cơ sở dữ liệu đang khởi động lại. Xin vui lòng thử lại sau ít phút.";
    private const int RetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(httpContext.Request.Path, Describe(exception));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        httpContext.Response.Headers.CacheControl = "no-store";
        if (httpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = Title,
                    Detail = Message,
                    Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                },
            });
        }

        // A page of its own, not the layout: the layout may itself need the database (the signed-in user).
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Title}</title></head>
            <body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
            <h1>{Title}</h1><p>{Message}</p><p><a href="">Tải lại trang</a></p>
            </body></html>
            """,
            cancellationToken);
        return true;
    }

    /// <summary>A failure to reach the database (connect, socket, server shutting down or starting), not a failed statement.</summary>
    internal static bool IsDatabaseUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 08: connection exception; 57P01–57P03: admin/crash shutdown, "the database system is starting up".
                case Npgsql.PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03";
                case Npgsql.NpgsqlException:
                case SocketException:
                    return true;
                case AggregateException { InnerExceptions.Count: > 1 } many:
                    return many.InnerExceptions.Any(IsDatabaseUnavailable);
            }
        }

        return false;
    }

    private static string Describe(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null && e is not Npgsql.NpgsqlException and not SocketException)
        {
            e = e.InnerException;
        }

        return e.Message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable; answered 503 to {Path}: {Reason}")]
    private partial void LogUnavailable(PathString path, string reason);
}

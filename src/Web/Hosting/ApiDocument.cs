using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>
/// The HTTP API described at <c>/openapi/v1.json</c> (ASP.NET Core's own OpenAPI generator): every minimal-API
/// endpoint of the modules — the public calendar and booking endpoints and the staff APIs. The document only
/// describes; each endpoint still authorizes its caller. Pages and the SignalR hub are not part of it.
/// </summary>
internal static class ApiDocument
{
    public const string Name = "v1";

    public static WebApplicationBuilder AddApiDocument(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(Name, o => o.AddDocumentTransformer<ApiDocumentInfo>());
        return builder;
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}

/// <summary>Title and description of the document, and its <c>servers</c> list.</summary>
internal sealed class ApiDocumentInfo(DaoVien.OnlineReception.Scheduling.PublicAddress publicAddress) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "Tiếp công dân trực tuyến — UBND phường Đào Viên",
            Version = ApiDocument.Name,
            Description = "Lịch tiếp công dân công khai, đăng ký tiếp và tra cứu đăng ký (công khai); " +
                "ngày tiếp, đăng ký, lịch họp của lãnh đạo, điều chỉnh phân loại hồ sơ (cán bộ đã đăng nhập, cookie của trang quản lý).",
        };
        document.Servers = Servers();
        return Task.CompletedTask;
    }

    // The generator would otherwise name whatever host the request came through (behind the proxy: 127.0.0.1);
    // clients must call the address citizens use.
    // Without a configured public address no host is named (the listening address may not be reachable).
    private List<OpenApiServer> Servers() =>
        publicAddress.Configured is { } url ? [new OpenApiServer { Url = url.GetLeftPart(UriPartial.Authority) }] : [];
}

using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace DaoVien.OnlineReception.Cases;

/// <summary>Composition of the case-files module: case registry, legal deadlines, sealed identities, reception book, reports.</summary>
public static class CasesModule
{
    public static IHostApplicationBuilder AddCases(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}

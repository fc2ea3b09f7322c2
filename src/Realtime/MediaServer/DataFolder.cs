using Microsoft.Extensions.Configuration;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>The app's data folder (<c>Reception:DataDirectory</c>, default <c>./.data</c>), under which the embedded media servers keep their files.</summary>
internal static class DataFolder
{
    public static string Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Reception:DataDirectory"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(Directory.GetCurrentDirectory(), ".data") : configured);
    }
}

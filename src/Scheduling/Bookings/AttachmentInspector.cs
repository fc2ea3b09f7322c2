namespace DaoVien.OnlineReception.Scheduling.Bookings;

/// <summary>Recognises an upload's type from its first bytes; the name and the browser's content type are ignored.</summary>
internal static class AttachmentInspector
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    /// <summary>"application/pdf", "image/png", "image/jpeg", or null for anything else.</summary>
    public static string? DetectContentType(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Pdf))
        {
            return "application/pdf";
        }

        if (content.StartsWith(Png))
        {
            return "image/png";
        }

        return content.StartsWith(Jpeg) ? "image/jpeg" : null;
    }

    public static string ExtensionFor(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        _ => ".jpg",
    };

    /// <summary>A display name that is safe anywhere: no path, no control characters, bounded, right extension.</summary>
    public static string SafeFileName(string? name, string contentType)
    {
        var baseName = Path.GetFileNameWithoutExtension(Path.GetFileName(name ?? "") ?? "");
        var clean = new string(baseName.Where(c => !char.IsControl(c) && c is not ('/' or '\\' or '"' or '<' or '>')).ToArray()).Trim();
        if (clean.Length == 0)
        {
            clean = "tep-dinh-kem";
        }

        return (clean.Length > 100 ? clean[..100] : clean) + ExtensionFor(contentType);
    }
}

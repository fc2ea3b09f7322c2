using SkiaSharp;
using UglyToad.PdfPig;

namespace DaoVien.OnlineReception.Scheduling.Bookings;

/// <summary>An upload that parsed as what it claims, with what will be stored (images re-encoded).</summary>
internal sealed record InspectedAttachment(string ContentType, byte[] Content);

/// <summary>
/// Recognises an upload's type from its first bytes (the name and the browser's content type are ignored), then proves
/// it by parsing: a PDF must open and have a page, an image must decode. Images are re-encoded from their pixels, so
/// nothing but the picture is kept — no EXIF (GPS position, camera serial), no trailing payload.
/// </summary>
internal static class AttachmentInspector
{
    // A 12-megapixel phone photo is 12 M; anything far beyond is a decompression bomb, not a document photo.
    private const long MaxPixels = 40_000_000;
    private const int JpegQuality = 90;

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

    /// <summary>The parsed attachment, or null when the content is not a readable PDF, PNG or JPEG.</summary>
    public static InspectedAttachment? Inspect(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return DetectContentType(content) switch
        {
            "application/pdf" => IsReadablePdf(content) ? new InspectedAttachment("application/pdf", content) : null,
            "image/png" => ReEncode(content, SKEncodedImageFormat.Png) is { } png ? new InspectedAttachment("image/png", png) : null,
            "image/jpeg" => ReEncode(content, SKEncodedImageFormat.Jpeg) is { } jpeg ? new InspectedAttachment("image/jpeg", jpeg) : null,
            _ => null,
        };
    }

    // Hostile input may make a parser throw anything; every failure means "not a PDF", never a 500.
#pragma warning disable CA1031
    private static bool IsReadablePdf(byte[] content)
    {
        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = false });
            return document.NumberOfPages > 0 && document.GetPage(1) is not null;
        }
        catch (Exception)
        {
            return false;
        }
    }
#pragma warning restore CA1031

    private static byte[]? ReEncode(byte[] content, SKEncodedImageFormat format)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height is 0 or > MaxPixels)
        {
            return null;
        }

        using var decoded = new SKBitmap(new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (codec.GetPixels(decoded.Info, decoded.GetPixels()) is not SKCodecResult.Success)
        {
            return null;
        }

        // The photo's orientation lived in the EXIF that is dropped: apply it to the pixels instead.
        using var upright = Orient(decoded, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright);
        using var encoded = image.Encode(format, JpegQuality);
        return encoded?.ToArray();
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        float w = source.Width, h = source.Height;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        // x' = scaleX·x + skewX·y + transX, y' = skewY·x + scaleY·y + transY
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var result = new SKBitmap(new SKImageInfo(swap ? source.Height : source.Width, swap ? source.Width : source.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }

    public static string ExtensionFor(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        _ => ".jpg",
    };

    /// <summary>The name as the citizen chose it, for a message about that file: no path, no control characters, bounded.</summary>
    public static string DisplayName(string? name)
    {
        var clean = new string((Path.GetFileName(name ?? "") ?? "").Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).ToArray()).Trim();
        return clean.Length > 100 ? clean[..100] : clean;
    }

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

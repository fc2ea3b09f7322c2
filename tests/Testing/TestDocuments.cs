namespace DaoVien.OnlineReception.Testing;

/// <summary>Small real documents for upload tests: they pass the app's content inspection as a citizen's would.</summary>
public static class TestDocuments
{
    /// <summary>A one-page A4 PDF.</summary>
    public static byte[] Pdf()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        return builder.Build();
    }

    /// <summary>A 16×16 PNG in one colour.</summary>
    public static byte[] Png()
    {
        using var bitmap = new SkiaSharp.SKBitmap(16, 16);
        bitmap.Erase(SkiaSharp.SKColors.SteelBlue);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}

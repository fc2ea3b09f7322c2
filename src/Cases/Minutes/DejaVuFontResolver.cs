using PdfSharp.Fonts;

namespace DaoVien.OnlineReception.Cases.Minutes;

/// <summary>
/// PDFsharp's fonts from the machine's DejaVu files (no font is bundled): every family asked for resolves to DejaVu
/// Sans, regular or bold, which has the Vietnamese glyphs; PDFsharp embeds the subset it uses.
/// </summary>
internal sealed class DejaVuFontResolver(string folder) : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(folder, faceName + ".ttf"));

    /// <summary>Throws with the Debian package's name when the fonts are missing (checked at start).</summary>
    public static void CheckInstalled(string folder)
    {
        foreach (var face in new[] { Regular, Bold })
        {
            if (!File.Exists(Path.Combine(folder, face + ".ttf")))
            {
                throw new InvalidOperationException($"Font {face}.ttf not found in {folder}: install the Debian package fonts-dejavu-core (or set Cases:Minutes:FontFolder).");
            }
        }
    }

    private static readonly Lock Gate = new();

    /// <summary>
    /// PDFsharp takes its font resolver in a process-wide setting that may be set once; every app in the process
    /// (tests start several) shares the first one, which reads the same files.
    /// </summary>
    public static void InstallOnce(string folder)
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver(folder);
            }
        }
    }
}

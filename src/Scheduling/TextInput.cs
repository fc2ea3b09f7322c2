using System.Globalization;
using System.Text;

namespace DaoVien.OnlineReception.Scheduling;

/// <summary>
/// What free text typed by the public may hold. Vietnamese arrives in two Unicode forms (precomposed "ầ" or "a" plus
/// combining marks, depending on the keyboard): both are stored as NFC so search, sort and dedup agree. Control
/// characters (a NUL even fails in PostgreSQL), bidi overrides and zero-width characters have no place in a name or
/// an address and can make a name display as another: they are refused, not silently removed.
/// </summary>
public static class TextInput
{
    /// <summary>
    /// Trims and NFC-normalises <paramref name="value"/>; false when it holds a control, format (bidi, zero-width, BOM)
    /// or unpaired surrogate character. Line breaks and tabs are allowed only when <paramref name="multiline"/>.
    /// </summary>
    public static bool TryClean(string? value, bool multiline, out string? cleaned)
    {
        cleaned = null;
        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || !IsAllowed(c, multiline))
            {
                return false;
            }
        }

        cleaned = value.Normalize(NormalizationForm.FormC).Trim();
        return true;
    }

    private static bool IsAllowed(char c, bool multiline) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control => multiline && c is '\n' or '\r' or '\t',
        UnicodeCategory.Format => false,
        UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.PrivateUse => false,
        _ => true,
    };
}

namespace DaoVien.OnlineReception.Scheduling.Bookings;

/// <summary>
/// Checks a 12-digit citizen ID number (CCCD, Thông tư 59/2021/TT-BCA Art. 7): digits 1–3 are the province of
/// birth registration, 001–096 (codes are odd-spaced: 001, 002, 004, …; only the range is checked because
/// provinces were merged in 2025 and old numbers keep old codes); digit 4 is century and sex (0/1 = 20th century
/// male/female, 2/3 = 21st, 4/5 = 22nd, 6/7 = 23rd, 8/9 = 24th — every digit is legal, so it is not checked
/// beyond being a digit); digits 5–6 are the last two digits of the birth year; digits 7–12 are random. There is
/// no check digit, so a well-formed but wrong number cannot be detected here. See docs/domain.md.
/// </summary>
internal static class CitizenIdNumber
{
    public const int FirstProvinceCode = 1;
    public const int LastProvinceCode = 96;

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 12 || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var province = int.Parse(value.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture);
        return province is >= FirstProvinceCode and <= LastProvinceCode;
    }

    /// <summary>Removes the spaces and dots people type between groups of digits.</summary>
    public static string Normalize(string? value) =>
        new((value ?? "").Where(c => c is not (' ' or '.' or '-')).ToArray());
}

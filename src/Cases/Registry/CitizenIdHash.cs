using System.Security.Cryptography;
using System.Text;

namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>Hash of a citizen ID number (digits only) to find a citizen's earlier cases without searching plain numbers.</summary>
internal static class CitizenIdHash
{
    public static string? Compute(string? idNumber)
    {
        var digits = new string((idNumber ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("daovien-citizen-id:" + digits)));
    }
}

using System.Text.RegularExpressions;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>
/// Checks an SDP from a browser before it reaches Janus: size, shape (RFC 8866 lines), the number and kind of media
/// sections. It is not a full parser: Janus parses; this keeps junk, oversized and unexpected media out.
/// </summary>
internal static partial class SdpGuard
{
    public static bool IsAcceptable(string? sdp, int maxBytes, int maxMediaSections, out string? audioMid)
    {
        audioMid = null;
        if (string.IsNullOrEmpty(sdp) || System.Text.Encoding.UTF8.GetByteCount(sdp) > maxBytes || !sdp.StartsWith("v=0", StringComparison.Ordinal))
        {
            return false;
        }

        var media = 0;
        string? currentKind = null;
        foreach (var line in sdp.Split('\n'))
        {
            var l = line.TrimEnd('\r');
            if (l.Length == 0)
            {
                continue;
            }

            if (!LinePattern().IsMatch(l))
            {
                return false;
            }

            if (l.StartsWith("m=", StringComparison.Ordinal))
            {
                media++;
                currentKind = l[2..].Split(' ')[0];
                if (currentKind is not ("audio" or "video" or "application"))
                {
                    return false;
                }
            }
            else if (currentKind == "audio" && audioMid is null && l.StartsWith("a=mid:", StringComparison.Ordinal))
            {
                audioMid = l["a=mid:".Length..];
            }
        }

        return media is > 0 && media <= maxMediaSections;
    }

    // type=value, printable ASCII only (no control characters smuggled into Janus's JSON or logs).
    [GeneratedRegex(@"^[a-z]=[\x20-\x7E]*$")]
    private static partial Regex LinePattern();
}

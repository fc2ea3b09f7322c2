using System.Text.RegularExpressions;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>Why a publisher's offer was refused (null: accepted).</summary>
internal enum OfferRefusal
{
    /// <summary>Not an SDP of the accepted size and shape.</summary>
    Malformed,

    /// <summary>A screen share with anything but one video stream (sound would be a second, unmoderated microphone).</summary>
    ScreenNotVideoOnly,

    /// <summary>A camera with more than one audio or one video stream, or a data channel.</summary>
    CameraShape,
}

/// <summary>
/// Checks an SDP from a browser before it reaches Janus: size, shape (RFC 8866 lines), the number and kind of media
/// sections. It is not a full parser: Janus parses; this keeps junk, oversized and unexpected media out.
/// </summary>
internal static partial class SdpGuard
{
    /// <summary>Any SDP of ours (e.g. a subscriber's answer): at most <paramref name="maxMediaSections"/> audio, video or data sections.</summary>
    public static bool IsAcceptable(string? sdp, int maxBytes, int maxMediaSections, out string? audioMid)
    {
        audioMid = null;
        if (Parse(sdp, maxBytes) is not { } media || media.Kinds.Count > maxMediaSections)
        {
            return false;
        }

        audioMid = media.AudioMid;
        return true;
    }

    /// <summary>
    /// A publisher's offer for a <c>camera</c> or a <c>screen</c>: a screen is exactly one video stream; a camera at most
    /// one audio and one video stream (audio only is a camera too), never a data channel. So each participant sends
    /// at most one audio stream — the camera's, the one a mute moderates.
    /// </summary>
    public static OfferRefusal? CheckPublishOffer(string? sdp, string kind, int maxBytes, out string? audioMid)
    {
        audioMid = null;
        if (Parse(sdp, maxBytes) is not { Kinds.Count: > 0 } media)
        {
            return OfferRefusal.Malformed;
        }

        var audio = media.Kinds.Count(k => k == "audio");
        var video = media.Kinds.Count(k => k == "video");
        OfferRefusal? refusal = kind == "screen"
            ? (media.Kinds is ["video"] ? null : OfferRefusal.ScreenNotVideoOnly)
            : (audio <= 1 && video <= 1 && audio + video == media.Kinds.Count ? null : OfferRefusal.CameraShape);
        if (refusal is null)
        {
            audioMid = media.AudioMid;
        }

        return refusal;
    }

    private static ParsedSdp? Parse(string? sdp, int maxBytes)
    {
        if (string.IsNullOrEmpty(sdp) || System.Text.Encoding.UTF8.GetByteCount(sdp) > maxBytes || !sdp.StartsWith("v=0", StringComparison.Ordinal))
        {
            return null;
        }

        var kinds = new List<string>();
        string? audioMid = null;
        foreach (var line in sdp.Split('\n'))
        {
            var l = line.TrimEnd('\r');
            if (l.Length == 0)
            {
                continue;
            }

            if (!LinePattern().IsMatch(l))
            {
                return null;
            }

            if (l.StartsWith("m=", StringComparison.Ordinal))
            {
                var kind = l[2..].Split(' ')[0];
                if (kind is not ("audio" or "video" or "application"))
                {
                    return null;
                }

                kinds.Add(kind);
            }
            else if (kinds.Count > 0 && kinds[^1] == "audio" && audioMid is null && l.StartsWith("a=mid:", StringComparison.Ordinal))
            {
                audioMid = l["a=mid:".Length..];
            }
        }

        return new ParsedSdp(kinds, audioMid);
    }

    private sealed record ParsedSdp(IReadOnlyList<string> Kinds, string? AudioMid);

    // type=value, printable ASCII only (no control characters smuggled into Janus's JSON or logs).
    [GeneratedRegex(@"^[a-z]=[\x20-\x7E]*$")]
    private static partial Regex LinePattern();
}

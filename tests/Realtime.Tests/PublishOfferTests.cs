using System.Text;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DaoVien.OnlineReception.Realtime.Tests;

/// <summary>
/// What a browser may publish, checked before Janus sees it: a screen share is video only, a camera at most one audio
/// and one video stream, so a muted participant's voice has one way out and that one is moderated. The offers are
/// the shape Chromium sends; Janus answers every one the hub lets through.
/// </summary>
public sealed class PublishOfferTests(PostgresServer server) : IAsyncLifetime
{
    private HubApp _hub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _hub = await HubApp.StartAsync(server);

    [Fact]
    public async Task Publish_MutedCitizenScreenOfferWithAudio_RefusedWhileVideoOnlyScreenAndCameraAreAnswered()
    {
        var chairman = await _hub.StaffAsync("chutich.sdp", "Chủ Tịch", TestRoles.Chairman);
        var adHoc = await chairman.Hub.InvokeAsync<AdHocSession>("OpenAdHocSession", "Công dân phản ánh tiếng ồn", MatterKind.Feedback, Ct);
        await chairman.Hub.InvokeAsync<JoinInfo>("JoinSession", adHoc.SessionId, Ct);
        var citizen = await _hub.ConnectAsync();
        var joined = await citizen.InvokeAsync<JoinInfo>("JoinWithLink", adHoc.JoinToken, "device-sdp", "Đinh Văn Ồn", Ct);
        await chairman.Hub.InvokeAsync("SetMuted", joined.ParticipantId, true, Ct);

        // Positive controls: Janus answers these offers, so a refusal below is the hub's rule, not a broken offer.
        Assert.StartsWith("v=0", await citizen.InvokeAsync<string>("Publish", "camera", Offer("audio", "video"), Ct), StringComparison.Ordinal);
        Assert.StartsWith("v=0", await citizen.InvokeAsync<string>("Publish", "camera", Offer("audio"), Ct), StringComparison.Ordinal);
        Assert.StartsWith("v=0", await citizen.InvokeAsync<string>("Publish", "screen", Offer("video"), Ct), StringComparison.Ordinal);

        // A screen share that carries sound would be a second, unmoderated microphone.
        foreach (var kinds in new[] { new[] { "audio", "video" }, ["audio"], ["video", "audio"], ["video", "video"], ["video", "application"] })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => citizen.InvokeAsync<string>("Publish", "screen", Offer(kinds), Ct));
            Assert.Contains("chia sẻ màn hình chỉ", refused.Message, StringComparison.Ordinal);
        }

        foreach (var kinds in new[] { new[] { "audio", "audio", "video" }, ["audio", "video", "video"], ["audio", "audio"], ["audio", "video", "application"] })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => citizen.InvokeAsync<string>("Publish", "camera", Offer(kinds), Ct));
            Assert.Contains("một luồng âm thanh và một luồng hình", refused.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>An offer as Chromium writes it (complete, after ICE gathering) with one m-line per entry of <paramref name="kinds"/>.</summary>
    internal static string Offer(params string[] kinds)
    {
        const string Fingerprint = "5A:1F:0B:6E:33:90:C4:D2:7A:18:E5:4B:AC:21:9F:03:6D:E8:72:B1:40:C9:5E:2A:F7:63:08:9D:1C:B4:E0:57";
        var sdp = new StringBuilder();
        sdp.Append("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        sdp.Append("a=group:BUNDLE ").AppendJoin(' ', Enumerable.Range(0, kinds.Length)).Append("\r\n");
        sdp.Append("a=extmap-allow-mixed\r\na=msid-semantic: WMS stream\r\n");
        for (var mid = 0; mid < kinds.Length; mid++)
        {
            sdp.Append(kinds[mid] switch
            {
                "audio" => "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n",
                "video" => "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n",
                _ => "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n",
            });
            sdp.Append("c=IN IP4 0.0.0.0\r\na=ice-ufrag:Qx7b\r\na=ice-pwd:3fJkP9sLw2Qe8RtYu1Vb6NcZ\r\na=ice-options:trickle\r\n");
            sdp.Append("a=fingerprint:sha-256 ").Append(Fingerprint).Append("\r\na=setup:actpass\r\n");
            sdp.Append("a=mid:").Append(mid).Append("\r\n");
            switch (kinds[mid])
            {
                case "audio":
                    sdp.Append("a=sendonly\r\na=msid:stream track").Append(mid).Append("\r\na=rtcp-mux\r\n");
                    sdp.Append("a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n");
                    break;
                case "video":
                    sdp.Append("a=sendonly\r\na=msid:stream track").Append(mid).Append("\r\na=rtcp-mux\r\na=rtcp-rsize\r\n");
                    sdp.Append("a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 goog-remb\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 ccm fir\r\n");
                    break;
                default:
                    sdp.Append("a=sctp-port:5000\r\na=max-message-size:262144\r\n");
                    break;
            }
        }

        return sdp.ToString();
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}

using DaoVien.OnlineReception.Realtime.Sessions;

namespace DaoVien.OnlineReception.Realtime.Signalling;

/// <summary>
/// The citizen's receipt after the end (issue 13): asked for when the session ends, again when the hub says the
/// outcome's consequences (the case) are stored, and after a reload. <see cref="SessionReceipts"/> decides.
/// </summary>
internal sealed partial class ReceptionHub
{
    /// <summary>The receipt of the booking whose join link the caller holds; null while its reception has not ended.</summary>
    public async Task<ReceiptView?> SessionReceipt(string joinToken)
    {
        RequireText(joinToken, MaxTokenLength);
        return await Receipts.ForJoinTokenAsync(joinToken, Context.ConnectionAborted);
    }
}

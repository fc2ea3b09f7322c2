using DaoVien.OnlineReception.Realtime.Dialogue;

namespace DaoVien.OnlineReception.Realtime.Signalling;

/// <summary>
/// The dialogue session's calls (docs/adr/0088): a guest enters with their one-time link and waits; the presiding
/// official lists, adds, replaces and revokes links and admits guests. <see cref="DialogueService"/> decides; this part
/// only binds connections, groups and pushes.
/// </summary>
internal sealed partial class ReceptionHub
{
    /// <summary>A dialogue's invitee opens their link on this connection; once admitted they call <see cref="JoinSession"/>.</summary>
    public async Task<DialogueEntry> JoinDialogue(string token, string deviceKey)
    {
        RequireText(token, MaxTokenLength);
        RequireText(deviceKey, 100);
        var entered = await Dialogues.EnterAsync(token, deviceKey, Context.ConnectionId, Context.ConnectionAborted);
        await ReleaseAsync(entered.PreviousConnection, entered.Entry.SessionId, null);
        await Lifecycle.BroadcastParticipantsAsync(entered.Entry.SessionId, Context.ConnectionAborted);
        return entered.Entry;
    }

    public async Task<IReadOnlyList<InvitationView>> DialogueInvitations()
    {
        var (session, _) = await CallerPresidingAsync();
        return await Dialogues.ListAsync(session, Context.ConnectionAborted);
    }

    public async Task<IssuedLink> InviteToDialogue(DialogueInvitee invitee)
    {
        var (session, _) = await CallerPresidingAsync();
        return await Dialogues.InviteAsync(session, invitee, Context.ConnectionAborted);
    }

    public async Task<IssuedLink> ReissueDialogueLink(Guid invitationId)
    {
        var (session, _) = await CallerPresidingAsync();
        var (link, oldConnection) = await Dialogues.ReissueAsync(session, invitationId, Context.ConnectionAborted);
        await SendOutAsync(session.Id, oldConnection);
        return link;
    }

    public async Task RevokeDialogueLink(Guid invitationId)
    {
        var (session, _) = await CallerPresidingAsync();
        await SendOutAsync(session.Id, await Dialogues.RevokeAsync(session, invitationId, Context.ConnectionAborted));
    }

    /// <summary>The presiding official lets a waiting guest in, one by one as in a hearing room.</summary>
    public async Task AdmitGuest(Guid participantId)
    {
        var (session, _) = await CallerPresidingAsync();
        if (await Dialogues.AdmitAsync(session, participantId, Context.ConnectionAborted) is { } connection)
        {
            await Clients.Client(connection).Admitted(session.Id);
        }

        await Lifecycle.BroadcastParticipantsAsync(session.Id, Context.ConnectionAborted);
    }

    /// <summary>The connection of a guest whose link was revoked or replaced stops hearing the session and is told so.</summary>
    private async Task SendOutAsync(Guid sessionId, string? connection)
    {
        if (connection is not null)
        {
            await Groups.RemoveFromGroupAsync(connection, SessionGroup(sessionId), Context.ConnectionAborted);
            await Clients.Client(connection).Removed();
        }

        await Lifecycle.BroadcastParticipantsAsync(sessionId, Context.ConnectionAborted);
    }
}

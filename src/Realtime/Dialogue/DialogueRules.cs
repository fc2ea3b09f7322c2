using System.Net.Mail;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling;

namespace DaoVien.OnlineReception.Realtime.Dialogue;

/// <summary>An invitee as the presiding official types them; <see cref="Email"/> only to send the link (it is not stored here).</summary>
internal sealed record DialogueInvitee(InviteeKind Kind, string? FullName, string? Organisation, string? Position, string? Email);

/// <summary>
/// What a dialogue's invitees and subject may be (docs/adr/0088): a name (and for an outside participant the body they
/// represent) of plain text, an optional e-mail address; each refusal is a key of RealtimeMessages.resx.
/// </summary>
internal static class DialogueRules
{
    public const int MaxNameLength = 100;

    public const int MaxOrganisationLength = 200;

    public const int MaxPositionLength = 100;

    public const int MaxEmailLength = 254;

    /// <summary>The refusal's message key, or null with <paramref name="clean"/> trimmed and normalised.</summary>
    public static string? Check(DialogueInvitee? invitee, out DialogueInvitee clean)
    {
        clean = new DialogueInvitee(InviteeKind.Citizen, null, null, null, null);
        if (invitee is null || !Enum.IsDefined(invitee.Kind))
        {
            return "Dialogue.BadKind";
        }

        if (!TextInput.TryClean(invitee.FullName, multiline: false, out var name)
            || !TextInput.TryClean(invitee.Organisation, multiline: false, out var organisation)
            || !TextInput.TryClean(invitee.Position, multiline: false, out var position)
            || !TextInput.TryClean(invitee.Email, multiline: false, out var email))
        {
            return "Dialogue.BadText";
        }

        if (string.IsNullOrEmpty(name))
        {
            return "Dialogue.NameRequired";
        }

        if (name.Length > MaxNameLength)
        {
            return "Dialogue.NameTooLong";
        }

        organisation = string.IsNullOrEmpty(organisation) ? null : organisation;
        position = string.IsNullOrEmpty(position) ? null : position;
        if (invitee.Kind == InviteeKind.Organisation)
        {
            if (organisation is null)
            {
                return "Dialogue.OrganisationRequired";
            }

            if (organisation.Length > MaxOrganisationLength || position?.Length > MaxPositionLength)
            {
                return "Dialogue.OrganisationTooLong";
            }
        }
        else
        {
            // A citizen of the case speaks for themselves: a body or position typed for them is not kept.
            organisation = null;
            position = null;
        }

        email = string.IsNullOrEmpty(email) ? null : email;
        if (email is not null && (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out var address) || address.Address != email || address.DisplayName.Length > 0))
        {
            return "Dialogue.BadEmail";
        }

        clean = new DialogueInvitee(invitee.Kind, name, organisation, position, email);
        return null;
    }

    /// <summary>The subject's refusal key, or null with <paramref name="clean"/> trimmed.</summary>
    public static string? CheckSubject(string? subject, out string clean)
    {
        clean = "";
        if (!TextInput.TryClean(subject, multiline: true, out var text))
        {
            return "Dialogue.BadText";
        }

        if (string.IsNullOrEmpty(text))
        {
            return "Dialogue.SubjectRequired";
        }

        if (text.Length > DialogueMatter.MaxSubjectLength)
        {
            return "Dialogue.SubjectTooLong";
        }

        clean = text;
        return null;
    }
}

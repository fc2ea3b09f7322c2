using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Intake;

namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>A new case as staff or the intake give it.</summary>
internal sealed record NewCase(
    CaseKind Kind,
    CaseChannel Channel,
    string SubjectArea,
    string Summary,
    DateOnly ReceivedOn,
    IReadOnlyList<ReceptionParticipant> Persons,
    bool IsGroup,
    Guid? AssigneeId,
    ComplaintInstance Instance = ComplaintInstance.First,
    CaseComplexity Complexity = CaseComplexity.Normal,
    bool IsRemoteArea = false,
    Guid? BookingId = null,
    Guid? ReceptionId = null,
    Guid? SessionId = null,
    string? SessionLabel = null,
    string? SealedIdentity = null,
    int? PeopleCount = null,
    DateOnly? LearnedOfDecisionOn = null,
    ForwardedLetterInput? Forwarded = null);

/// <summary>
/// The facts a transition needs (only those of the target status are read). <see cref="Reference"/> is the ward's
/// letter: the referral letter of a transfer, or the written notice of a refusal on ground 3
/// (<see cref="AlreadyResolvedCorrectly"/>, Luật TCD Art. 9(3)), dated <see cref="Date"/>.
/// </summary>
internal sealed record Transition(
    CaseStatus To,
    string? RefusalGround = null,
    string? Agency = null,
    string? DecisionNumber = null,
    DateOnly? Date = null,
    CaseComplexity? Complexity = null,
    ComplaintInstance? Instance = null,
    bool? IsRemoteArea = null,
    string? Note = null,
    TransferKind TransferKind = TransferKind.CompetentAgency,
    string? Reference = null,
    bool AlreadyResolvedCorrectly = false);

/// <summary>Either an error key (localized by the pages: CasesResource) or success.</summary>
internal readonly record struct CaseResult(string? Error)
{
    public static readonly CaseResult Ok = new(null);

    public bool Succeeded => Error is null;

    public static CaseResult Fail(string key) => new(key);
}

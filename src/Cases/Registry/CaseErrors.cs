namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>Keys of errors a user can cause; the web pages hold their Vietnamese text (CasesResource.resx).</summary>
internal static class CaseErrors
{
    public const string NotFound = "Error.NotFound";
    public const string Concurrency = "Error.Concurrency";
    public const string InvalidTransition = "Error.InvalidTransition";
    public const string RefusalGroundRequired = "Error.RefusalGroundRequired";
    public const string AgencyRequired = "Error.AgencyRequired";
    public const string DecisionRequired = "Error.DecisionRequired";
    public const string SummaryRequired = "Error.SummaryRequired";
    public const string SubjectRequired = "Error.SubjectRequired";
    public const string PersonRequired = "Error.PersonRequired";
    public const string TooManyRepresentatives = "Error.TooManyRepresentatives";
    public const string AssigneeUnknown = "Error.AssigneeUnknown";
    public const string ExtensionNotDenunciation = "Error.ExtensionNotDenunciation";
    public const string ExtensionNotAllowed = "Error.ExtensionNotAllowed";
    public const string ExtensionCapReached = "Error.ExtensionCapReached";
    public const string ExtensionDays = "Error.ExtensionDays";
    public const string ExtensionWrongStatus = "Error.ExtensionWrongStatus";
    public const string NotificationNotDenunciation = "Error.NotificationNotDenunciation";
    public const string PublishDenunciation = "Error.PublishDenunciation";
    public const string PublishNotResolved = "Error.PublishNotResolved";
    public const string PublishPersonalData = "Error.PublishPersonalData";
    public const string PublishTextRequired = "Error.PublishTextRequired";
    public const string ReceptionOutcomeGround = "Error.ReceptionOutcomeGround";
    public const string ReceptionGuidedTo = "Error.ReceptionGuidedTo";
    public const string ReceptionChannel = "Error.ReceptionChannel";
    public const string BookingUnknown = "Error.BookingUnknown";
    public const string ReceptionUnknown = "Error.ReceptionUnknown";
    public const string DocumentTitleRequired = "Error.DocumentTitleRequired";
    public const string DateInFuture = "Error.DateInFuture";
    public const string PeopleCount = "Error.PeopleCount";
    public const string LearnedAfterReceipt = "Error.LearnedAfterReceipt";
    public const string InitialExtensionNotAllowed = "Error.InitialExtensionNotAllowed";
    public const string ReasonRequired = "Error.ReasonRequired";
    public const string ReferenceRequired = "Error.ReferenceRequired";
    public const string EndNoticeRequired = "Error.EndNoticeRequired";
    public const string ReferralNotPending = "Error.ReferralNotPending";
    public const string ReclassifyReason = "Error.ReclassifyReason";
    public const string ReclassifyNoChange = "Error.ReclassifyNoChange";
    public const string ReclassifyUnknownKind = "Error.ReclassifyUnknownKind";
    public const string ReclassifyFromDenunciation = "Error.ReclassifyFromDenunciation";
    public const string ReclassifyKindNotAllowed = "Error.ReclassifyKindNotAllowed";
    public const string ReclassifyInstanceNotComplaint = "Error.ReclassifyInstanceNotComplaint";
    public const string ReclassifyExtensionsExceed = "Error.ReclassifyExtensionsExceed";
    public const string ReclassifyBadText = "Error.ReclassifyBadText";
    public const string ReclassifyUnknownPerson = "Error.ReclassifyUnknownPerson";
    public const string ReclassifyPersonName = "Error.ReclassifyPersonName";
    public const string ReclassifyIdNumber = "Error.ReclassifyIdNumber";
}

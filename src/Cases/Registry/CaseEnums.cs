namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>Kind of a case file (đơn thư): Luật Khiếu nại 2011, Luật Tố cáo 2018, kiến nghị / phản ánh.</summary>
public enum CaseKind
{
    Complaint = 0,
    Denunciation = 1,
    Petition = 2,
    Feedback = 3,
}

/// <summary>How the matter reached the ward; receptions (online, booking, in person) also count in the reception book.</summary>
public enum CaseChannel
{
    OnlineSession = 0,
    Booking = 1,
    Post = 2,
    InPerson = 3,
}

internal enum CaseStatus
{
    Received = 0,
    Classified = 1,
    Accepted = 2,
    Refused = 3,
    Transferred = 4,
    Guided = 5,
    UnderResolution = 6,
    Resolved = 7,
    Closed = 8,
}

/// <summary>First or second instance of a complaint (Luật Khiếu nại Art. 28, 37).</summary>
internal enum ComplaintInstance
{
    First = 0,
    Second = 1,
}

internal enum CaseComplexity
{
    Normal = 0,
    Complex = 1,
    EspeciallyComplex = 2,
}

/// <summary>Where a transferred file went.</summary>
internal enum TransferKind
{
    /// <summary>To the competent agency (Luật TCD Art. 28, Luật Khiếu nại Art. 27).</summary>
    CompetentAgency = 0,

    /// <summary>
    /// To the investigation agency because the matter shows signs of a crime (Bộ luật Tố tụng hình sự 2015 Art. 145(2):
    /// other agencies forward crime reports to it at once): the ward tracks its answer as a deadline (Art. 147(1), docs/adr/0060).
    /// </summary>
    CrimeReferral = 1,
}

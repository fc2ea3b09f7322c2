namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>
/// The Vietnamese words of the cases' enums, for what the module writes into a file's record (its history, the
/// minutes) — the record is kept in Vietnamese whatever language the reader's pages use, so an enum's C# name never
/// reaches it. The pages show the same words from <c>CasesResource.resx</c> (<c>Kind.*</c>, <c>Channel.*</c>, …).
/// </summary>
internal static class CaseLabels
{
    public static string Label(CaseKind kind) => kind switch
    {
        CaseKind.Complaint => "Khiếu nại",
        CaseKind.Denunciation => "Tố cáo",
        CaseKind.Petition => "Kiến nghị",
        CaseKind.Feedback => "Phản ánh",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Label(CaseChannel channel) => channel switch
    {
        CaseChannel.OnlineSession => "Tiếp trực tuyến",
        CaseChannel.Booking => "Đặt lịch",
        CaseChannel.Post => "Đơn qua bưu điện",
        CaseChannel.InPerson => "Tiếp trực tiếp",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    public static string Label(CaseStatus status) => status switch
    {
        CaseStatus.Received => "Đã tiếp nhận",
        CaseStatus.Classified => "Đã phân loại",
        CaseStatus.Accepted => "Đã thụ lý",
        CaseStatus.Refused => "Không thụ lý",
        CaseStatus.Transferred => "Đã chuyển đơn",
        CaseStatus.Guided => "Đã hướng dẫn",
        CaseStatus.UnderResolution => "Đang giải quyết",
        CaseStatus.Resolved => "Đã giải quyết",
        CaseStatus.Closed => "Đã đóng",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Label(CaseComplexity complexity) => complexity switch
    {
        CaseComplexity.Normal => "bình thường",
        CaseComplexity.Complex => "phức tạp",
        CaseComplexity.EspeciallyComplex => "đặc biệt phức tạp",
        _ => throw new ArgumentOutOfRangeException(nameof(complexity), complexity, null),
    };

    public static string Label(ComplaintInstance instance) => instance switch
    {
        ComplaintInstance.First => "lần đầu",
        ComplaintInstance.Second => "lần hai",
        _ => throw new ArgumentOutOfRangeException(nameof(instance), instance, null),
    };
}

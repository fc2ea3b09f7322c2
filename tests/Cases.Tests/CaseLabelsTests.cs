using DaoVien.OnlineReception.Cases.Registry;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>The words the record uses for the cases' enums: Vietnamese for every value, never the C# name.</summary>
public sealed class CaseLabelsTests(CasesApp app) : IClassFixture<CasesApp>
{
    [Theory]
    [InlineData(CaseKind.Complaint, "Khiếu nại")]
    [InlineData(CaseKind.Denunciation, "Tố cáo")]
    [InlineData(CaseKind.Petition, "Kiến nghị")]
    [InlineData(CaseKind.Feedback, "Phản ánh")]
    public void Label_Kind_IsVietnamese(CaseKind kind, string expected) => Assert.Equal(expected, CaseLabels.Label(kind));

    [Theory]
    [InlineData(CaseChannel.OnlineSession, "Tiếp trực tuyến")]
    [InlineData(CaseChannel.Booking, "Đặt lịch")]
    [InlineData(CaseChannel.Post, "Đơn qua bưu điện")]
    [InlineData(CaseChannel.InPerson, "Tiếp trực tiếp")]
    public void Label_Channel_IsVietnamese(CaseChannel channel, string expected) => Assert.Equal(expected, CaseLabels.Label(channel));

    [Fact]
    public void Label_EveryEnumValue_HasWordsOtherThanItsName()
    {
        var labels = Enum.GetValues<CaseKind>().Select(v => (v.ToString(), CaseLabels.Label(v)))
            .Concat(Enum.GetValues<CaseChannel>().Select(v => (v.ToString(), CaseLabels.Label(v))))
            .Concat(Enum.GetValues<CaseStatus>().Select(v => (v.ToString(), CaseLabels.Label(v))))
            .Concat(Enum.GetValues<CaseComplexity>().Select(v => (v.ToString(), CaseLabels.Label(v))))
            .Concat(Enum.GetValues<ComplaintInstance>().Select(v => (v.ToString(), CaseLabels.Label(v))));

        Assert.All(labels, l => Assert.NotEqual(l.Item1, l.Item2, StringComparer.OrdinalIgnoreCase));
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseLabels.Label((CaseKind)99));
    }

    [Fact]
    public async Task History_CreatedAndClassified_NameChannelKindAndComplexityInVietnamese()
    {
        var file = await app.CreateAsync(CaseKind.Complaint);
        Assert.True((await app.MoveAsync(file.Id, new Transition(CaseStatus.Classified, Complexity: CaseComplexity.Complex))).Succeeded);

        var history = (await app.LoadAsync(file.Id)).History.Select(h => h.Details).ToList();

        Assert.Contains(history, d => d.StartsWith("Tiếp nhận (đơn qua bưu điện), loại khiếu nại, lĩnh vực Đất đai", StringComparison.Ordinal));
        Assert.Contains(history, d => d.Contains("mức độ phức tạp, giải quyết lần đầu", StringComparison.Ordinal));
        Assert.All(history, d => Assert.DoesNotMatch(@"\b(Post|Complaint|Complex|First|OnlineSession)\b", d));
    }
}

using System.Globalization;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DaoVien.OnlineReception.Cases.Minutes;

/// <summary>
/// Lays out the minutes in the usual Vietnamese administrative form (Nghị định 30/2020/NĐ-CP layout): issuing body
/// and number left, national motto right, place and date, title, numbered sections, the presiding official's
/// signature block. A4, DejaVu Sans embedded; text is wrapped and paginated here (PDFsharp draws lines only).
/// </summary>
internal sealed class MinutesPdf(TimeZoneInfo zone) : IDisposable
{
    private const double Margin = 56;
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private readonly XFont _body = new(DejaVuFontResolver.Family, 10.5, XFontStyleEx.Regular);
    private readonly XFont _bold = new(DejaVuFontResolver.Family, 10.5, XFontStyleEx.Bold);
    private readonly XFont _title = new(DejaVuFontResolver.Family, 14, XFontStyleEx.Bold);
    private PdfDocument _document = null!;
    private XGraphics _gfx = null!;
    private PdfPage _page = null!;
    private double _y;

    public static string MottoLine1 => "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

    public static string MottoLine2 => "Độc lập - Tự do - Hạnh phúc";

    public byte[] Render(MinutesInput input, string number, int version, DateTimeOffset generatedAt, MinutesOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        _document = new PdfDocument();
        _document.Info.Title = (input.Dialogue ? "Biên bản đối thoại " : "Biên bản tiếp công dân ") + number;
        _document.Info.Creator = "DaoVien.OnlineReception";
        NewPage();
        var start = Local(input.StartedAt);
        var end = Local(input.EndedAt);

        // Heading: issuing body and number | national motto, place and date.
        var half = (_page.Width.Point - 2 * Margin) / 2;
        Centered(options.Committee, _bold, Margin, half, _y);
        Centered(MottoLine1, _bold, Margin + half, half, _y);
        _y += 15;
        Centered("Số: " + number, _body, Margin, half, _y);
        Centered(MottoLine2, _bold, Margin + half, half, _y);
        _gfx.DrawLine(XPens.Black, Margin + half + half / 2 - 70, _y + 15, Margin + half + half / 2 + 70, _y + 15);
        _y += 24;
        Centered(string.Create(Vi, $"Đào Viên, ngày {start:dd} tháng {start:MM} năm {start:yyyy}"), _body, Margin + half, half, _y);
        _y += 34;
        Centered(input.Dialogue ? "BIÊN BẢN ĐỐI THOẠI" : "BIÊN BẢN TIẾP CÔNG DÂN", _title, Margin, 2 * half, _y);
        _y += 20;
        Centered(input.Dialogue ? "(Đối thoại trực tuyến, vụ việc số " + input.CaseNumber + ")" : "(Tiếp công dân trực tuyến)", _body, Margin, 2 * half, _y);
        _y += 26;

        Paragraph(input.Dialogue
            ? string.Create(Vi, $"Vào hồi {start:HH} giờ {start:mm} phút, ngày {start:dd/MM/yyyy}, tại {options.Place}, tiến hành đối thoại trực tuyến. Buổi đối thoại kết thúc hồi {end:HH} giờ {end:mm} phút cùng ngày.")
            : string.Create(Vi, $"Vào hồi {start:HH} giờ {start:mm} phút, ngày {start:dd/MM/yyyy}, tại {options.Place}, tiến hành tiếp công dân. Buổi tiếp kết thúc hồi {end:HH} giờ {end:mm} phút cùng ngày."));

        Heading("I. THÀNH PHẦN THAM GIA");
        foreach (var p in input.Participants)
        {
            Paragraph($"- {p.Role}: {p.Name}");
        }

        Heading(input.Dialogue ? "II. NỘI DUNG ĐỐI THOẠI" : "II. NỘI DUNG CÔNG DÂN TRÌNH BÀY");
        Paragraph("Loại việc: " + KindText(input.Kind) + ".");
        Paragraph(input.Presented);

        Heading(input.Dialogue ? "III. KẾT QUẢ ĐỐI THOẠI VÀ CĂN CỨ PHÁP LÝ" : "III. KẾT QUẢ TIẾP CÔNG DÂN VÀ CĂN CỨ PHÁP LÝ");
        Paragraph(OutcomeText(input));
        if (!string.IsNullOrWhiteSpace(input.OutcomeNote))
        {
            Paragraph("Ghi chú của người chủ trì: " + input.OutcomeNote.Trim());
        }

        Heading("IV. NỘI DUNG TRAO ĐỔI QUA KÊNH NHẮN TIN");
        if (input.Chat.Count == 0)
        {
            Paragraph("Không có.");
        }

        foreach (var line in input.Chat)
        {
            Paragraph(string.Create(Vi, $"[{Local(line.SentAt):HH:mm:ss}] {line.Author}: {(line.Sealed ? SealedChatLine : line.Text)}"));
        }

        if (input.Chat.Any(l => l.Sealed))
        {
            Paragraph(SealedChatNote);
        }

        Heading("V. BẢN GHI HÌNH, GHI ÂM");
        Paragraph(input.ArchiveManifestSha256 is { } hash
            ? "Mã băm SHA-256 của bản kê lưu trữ (manifest.json): " + hash
            : "Chưa có mã băm: bản lưu trữ chưa hoàn tất khi lập biên bản này (hoặc buổi tiếp không ghi hình); biên bản được lập lại kèm mã băm khi bản lưu trữ hoàn tất.");

        _y += 6;
        Paragraph(string.Create(Vi, $"Biên bản lập hồi {Local(generatedAt):HH:mm} ngày {Local(generatedAt):dd/MM/yyyy}, phiên bản {version}; được người chủ trì xác nhận trên hệ thống (thời điểm xác nhận được ghi nhật ký)."));
        Need(60);
        _y += 14;
        Centered("NGƯỜI CHỦ TRÌ", _bold, Margin + half, half, _y);
        _y += 15;
        Centered(input.Participants.FirstOrDefault(p => p.Role == PresidingRole)?.Name ?? "", _body, Margin + half, half, _y);

        _gfx.Dispose();
        using var output = new MemoryStream();
        _document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _document?.Dispose();
    }

    public const string PresidingRole = "Người chủ trì";

    /// <summary>What the minutes say for a chat line of a denunciation's session instead of its text.</summary>
    public const string SealedChatLine = "(nội dung được niêm phong)";

    public const string SealedChatNote = "Nội dung trao đổi của buổi tiếp tố cáo được niêm phong bằng khóa công khai; chỉ mở được bằng khóa bí mật trên máy ngoại tuyến.";

    internal static string KindText(CaseKind kind) => CaseLabels.Label(kind);

    internal static string OutcomeText(MinutesInput input) => input.Outcome switch
    {
        ReceptionOutcome.AnsweredOnSpot => "Đã giải thích, trả lời trực tiếp cho công dân tại buổi tiếp (Điều 28 Luật Tiếp công dân 2013).",
        ReceptionOutcome.CaseAccepted => "Tiếp nhận đơn, vụ việc để xem xét, xử lý theo thẩm quyền (khoản 1 Điều 28 Luật Tiếp công dân 2013)"
            + (input.CaseNumber is { } n ? "; hồ sơ số " + n + "." : "."),
        ReceptionOutcome.Guided => "Hướng dẫn công dân đến cơ quan có thẩm quyền giải quyết: " + (input.GuidedTo ?? "cơ quan có thẩm quyền") + " (Điều 28 Luật Tiếp công dân 2013).",
        _ => "Từ chối tiếp công dân theo " + input.RefusalGround switch
        {
            ReceptionRefusalGround.UnableToControlBehaviour => "khoản 1 Điều 9 Luật Tiếp công dân 2013: người trong tình trạng say do dùng chất kích thích, mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng nhận thức, điều khiển hành vi.",
            ReceptionRefusalGround.ThreatensOrBreaksRules => "khoản 2 Điều 9 Luật Tiếp công dân 2013: có hành vi đe dọa, xúc phạm người tiếp công dân hoặc vi phạm nội quy nơi tiếp công dân.",
            _ => "khoản 3 Điều 9 Luật Tiếp công dân 2013: vụ việc đã được giải quyết đúng chính sách, pháp luật, đã được kiểm tra, rà soát, thông báo bằng văn bản nhưng vẫn cố tình khiếu nại, tố cáo kéo dài.",
        },
    };

    private DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    private void Need(double height)
    {
        if (_y + height > _page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    private void Centered(string text, XFont font, double x, double width, double y) =>
        _gfx.DrawString(text, font, XBrushes.Black, new XRect(x, y, width, font.Height), XStringFormats.TopCenter);

    private void Heading(string text)
    {
        _y += 8;
        Need(_bold.Height * 3);
        _gfx.DrawString(text, _bold, XBrushes.Black, new XRect(Margin, _y, _page.Width.Point - 2 * Margin, _bold.Height), XStringFormats.TopLeft);
        _y += _bold.Height + 4;
    }

    private void Paragraph(string text)
    {
        var width = _page.Width.Point - 2 * Margin;
        foreach (var raw in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            foreach (var line in Wrap(raw, width))
            {
                Need(_body.Height);
                _gfx.DrawString(line, _body, XBrushes.Black, new XRect(Margin, _y, width, _body.Height), XStringFormats.TopLeft);
                _y += _body.Height + 2;
            }
        }

        _y += 3;
    }

    private IEnumerable<string> Wrap(string text, double width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (_gfx.MeasureString(candidate, _body).Width <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                yield return line;
            }

            // A single word wider than the line (a hash, a long link) is cut where it overflows.
            line = word;
            while (_gfx.MeasureString(line, _body).Width > width)
            {
                var cut = line.Length - 1;
                while (cut > 1 && _gfx.MeasureString(line[..cut], _body).Width > width)
                {
                    cut--;
                }

                yield return line[..cut];
                line = line[cut..];
            }
        }

        yield return line;
    }
}

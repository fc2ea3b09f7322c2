using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// A citizen books on a phone through the published calendar, staff confirm, the citizen sees it; bad inputs are
/// refused with a sentence and change nothing. The app runs with its defaults (Thursday rule presided by the
/// chairman, holidays proposed, 8 weeks published) on a clock fixed at Friday 27 Nov 2026, 08:00 in Hanoi.
/// </summary>
public sealed class BookingFlowTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _baseAddress = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-" + Guid.NewGuid().ToString("N")[..8]))
            .WithClock(WardTestDays.FridayMorning());
        _baseAddress = _app.StartOnSocket();
        await _app.CreateStaffAsync("canbo", "Staff-pass-2026", "Trần Thị Cán Bộ", TestRoles.Staff);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CitizenBooksOnPhone_StaffConfirms_CitizenSeesConfirmation()
    {
        await using var phone = await browser.NewContextAsync(_baseAddress, phone: true);
        var citizen = await phone.NewPageAsync();
        await citizen.GotoAsync("/Calendar?month=2026-12");
        await citizen.GetByTestId("book-2026-12-03").ClickAsync();

        // First a wrong ID number: a clear sentence, nothing stored, the form keeps what was typed.
        await FillFormAsync(citizen, "0010900123");
        await citizen.GetByTestId("booking-submit").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("booking-error")).ToContainTextAsync("12 chữ số");
        Assert.Equal(0, await CountBookingsAsync());
        await Assertions.Expect(citizen.GetByLabel("Họ và tên")).ToHaveValueAsync("Lê Thị Bình");

        await citizen.GetByLabel("Số định danh cá nhân (CCCD, 12 số)").FillAsync("001190012345");
        await citizen.GetByLabel("07:50").CheckAsync();
        await citizen.GetByLabel("Tôi đã đọc và đồng ý").CheckAsync();
        await citizen.GetByTestId("booking-submit").ClickAsync();
        var code = (await citizen.GetByTestId("booking-code").TextContentAsync())!.Trim();
        await Assertions.Expect(citizen.GetByTestId("booking-join-link")).ToContainTextAsync("/Reception/Join?t=");

        await using var office = await browser.NewContextAsync(_baseAddress);
        var staff = await office.NewPageAsync();
        await staff.SignInAsync("canbo", "Staff-pass-2026");
        await StaffMenu.GoAsync(staff, "Reception", "nav-office-bookings");
        await Assertions.Expect(staff.Locator($"tr[data-code='{code}']")).ToContainTextAsync("Lê Thị Bình");
        await staff.GetByTestId("confirm-" + code).ClickAsync();
        await Assertions.Expect(staff.Locator($"tr[data-code='{code}']")).ToHaveAttributeAsync("data-status", "confirmed");

        await citizen.GetByTestId("booking-status-link").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("status-text")).ToHaveTextAsync("Đã xác nhận");
    }

    [Fact]
    public async Task BookingForm_DisguisedOrOversizedAttachment_RefusedWithSentenceNothingStored()
    {
        await using var phone = await browser.NewContextAsync(_baseAddress, phone: true);
        var citizen = await phone.NewPageAsync();
        await citizen.GotoAsync("/Calendar?month=2026-12");
        await citizen.GetByTestId("book-2026-12-03").ClickAsync();
        await FillFormAsync(citizen, "001190012345");
        await citizen.GetByLabel("Tôi đã đọc và đồng ý").CheckAsync();
        await citizen.GetByLabel("Tài liệu đính kèm", new() { Exact = false }).SetInputFilesAsync(new FilePayload
        {
            Name = "giay-to.pdf", MimeType = "application/pdf", Buffer = "<html>not a pdf</html>"u8.ToArray(),
        });
        await citizen.GetByTestId("booking-submit").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("booking-error")).ToContainTextAsync("không phải PDF, JPEG hoặc PNG");

        var big = new byte[(5 * 1024 * 1024) + 10];
        "%PDF-1.7"u8.CopyTo(big);
        await citizen.GetByLabel("Tôi đã đọc và đồng ý").CheckAsync();
        await citizen.GetByLabel("Tài liệu đính kèm", new() { Exact = false }).SetInputFilesAsync(new FilePayload { Name = "lon.pdf", MimeType = "application/pdf", Buffer = big });
        await citizen.GetByTestId("booking-submit").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("booking-error")).ToContainTextAsync("quá lớn");
        Assert.Equal(0, await CountBookingsAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BookingForm_SeveralMistakes_AllShownBesideTheirFields_TypedValuesTickAndFileKept(bool phone)
    {
        await using var context = await browser.NewContextAsync(_baseAddress, phone);
        await Accessibility.EnableAsync(context);
        var citizen = await context.NewPageAsync();
        await citizen.GotoAsync("/Calendar?month=2026-12");
        await citizen.GetByTestId("book-2026-12-03").ClickAsync();
        await FillFormAsync(citizen, "001190012345");
        await citizen.GetByLabel("Họ và tên").FillAsync("");
        await citizen.GetByLabel("Số điện thoại").FillAsync("0912 345");
        await citizen.GetByLabel("Tôi đã đọc và đồng ý").CheckAsync();
        await citizen.GetByLabel("Tài liệu đính kèm", new() { Exact = false }).SetInputFilesAsync(new FilePayload
        {
            Name = "so-do-thua-dat.png", MimeType = "image/png", Buffer = TestDocuments.Png(),
        });
        await citizen.GetByTestId("booking-submit").ClickAsync();

        // Both mistakes at once, in the list that takes the focus and under each field; nothing stored.
        var summary = citizen.GetByTestId("booking-error");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(citizen.GetByTestId("error-fullName")).ToContainTextAsync("họ và tên");
        await Assertions.Expect(citizen.GetByTestId("error-phone")).ToContainTextAsync("10 chữ số");
        await Assertions.Expect(citizen.GetByLabel("Số điện thoại")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, await CountBookingsAsync());

        // What was typed, the tick and the chosen file are all still there.
        await Assertions.Expect(citizen.GetByLabel("Địa chỉ")).ToHaveValueAsync("Tổ 5, phường Đào Viên");
        await Assertions.Expect(citizen.GetByLabel("Tóm tắt nội dung")).ToHaveValueAsync("Đề nghị sửa chữa đường ngõ 12.");
        await Assertions.Expect(citizen.GetByLabel("Tôi đã đọc và đồng ý")).ToBeCheckedAsync();
        await Assertions.Expect(citizen.GetByLabel("07:30")).ToBeCheckedAsync();
        await Assertions.Expect(citizen.GetByTestId("held-files")).ToContainTextAsync("so-do-thua-dat.png");
        await Accessibility.ExpectNoSeriousViolationsAsync(citizen);

        // The link in the list takes the citizen to the field; mended, the form goes through with the kept file.
        await summary.GetByRole(AriaRole.Link, new() { NameRegex = new("10 chữ số") }).ClickAsync();
        await Assertions.Expect(citizen.GetByLabel("Số điện thoại")).ToBeFocusedAsync();
        await citizen.GetByLabel("Số điện thoại").FillAsync("0912 345 678");
        await citizen.GetByLabel("Họ và tên").FillAsync("Lê Thị Bình");
        await citizen.GetByTestId("booking-submit").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("booking-code")).ToBeVisibleAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<SchedulingDbContext>().Bookings.Include(b => b.Attachments)
            .SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("0912345678", stored.Phone);
        Assert.Equal("so-do-thua-dat.png", Assert.Single(stored.Attachments).FileName);
    }

    [Fact]
    public async Task BookingForm_SlotTakenMeanwhile_RefusedWithSentence()
    {
        await using var phone = await browser.NewContextAsync(_baseAddress, phone: true);
        var first = await phone.NewPageAsync();
        var second = await phone.NewPageAsync();
        foreach (var page in new[] { first, second })
        {
            await page.GotoAsync("/Calendar?month=2026-12");
            await page.GetByTestId("book-2026-12-03").ClickAsync();
            await FillFormAsync(page, "001190012345");
            await page.GetByLabel("Tôi đã đọc và đồng ý").CheckAsync();
        }

        await first.GetByTestId("booking-submit").ClickAsync();
        await Assertions.Expect(first.GetByTestId("booking-code")).ToBeVisibleAsync();
        await second.GetByTestId("booking-submit").ClickAsync();

        await Assertions.Expect(second.GetByTestId("booking-error")).ToContainTextAsync("vừa có người đăng ký");
        Assert.Equal(1, await CountBookingsAsync());
    }

    private static async Task FillFormAsync(IPage page, string citizenId)
    {
        await page.GetByLabel("07:30").CheckAsync();
        await page.GetByLabel("Họ và tên").FillAsync("Lê Thị Bình");
        await page.GetByLabel("Số định danh cá nhân (CCCD, 12 số)").FillAsync(citizenId);
        await page.GetByLabel("Số điện thoại").FillAsync("0987654321");
        await page.GetByLabel("Địa chỉ").FillAsync("Tổ 5, phường Đào Viên");
        await page.GetByLabel("Loại vụ việc").SelectOptionAsync("Petition");
        await page.GetByLabel("Tóm tắt nội dung").FillAsync("Đề nghị sửa chữa đường ngõ 12.");
    }

    private async Task<int> CountBookingsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchedulingDbContext>().Bookings.CountAsync();
    }
}

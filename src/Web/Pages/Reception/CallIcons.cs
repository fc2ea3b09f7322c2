using Microsoft.AspNetCore.Html;

namespace DaoVien.OnlineReception.Web.Pages.Reception;

/// <summary>
/// The call bar's icons as inline SVG drawn in the text colour: they look the same on every phone and desktop, with
/// or without an emoji font (a kiosk's Chromium on Debian has none), and are hidden from screen readers — each button
/// carries its name in words.
/// </summary>
internal static class CallIcons
{
    public static readonly IHtmlContent Microphone = Icon("""<path d="M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3M8 21h8"/>""");

    public static readonly IHtmlContent Camera = Icon("""<rect x="2" y="6" width="14" height="12" rx="2"/><path d="M16 10.5 22 7v10l-6-3.5z"/>""");

    public static readonly IHtmlContent SwitchCamera = Icon("""<path d="M4 7h3l2-3h6l2 3h3v12H4z"/><path d="M9 13a3 3 0 0 1 5.2-2M15 13a3 3 0 0 1-5.2 2"/>""");

    public static readonly IHtmlContent AudioOnly = Icon("""<path d="M4 9h4l5-4v14l-5-4H4z"/><path d="M16.5 9a4 4 0 0 1 0 6"/>""");

    public static readonly IHtmlContent Screen = Icon("""<rect x="3" y="4" width="18" height="12" rx="1"/><path d="M8 20h8M12 16v4"/>""");

    public static readonly IHtmlContent Chat = Icon("""<path d="M4 5h16v11H9l-5 4z"/>""");

    public static readonly IHtmlContent Leave = Icon("""<path d="M3 14.5c5-5 13-5 18 0l-2.5 2.5-3.5-2v-2.3a10 10 0 0 0-6 0V15l-3.5 2z"/>""");

    public static readonly IHtmlContent Close = Icon("""<path d="M6 6l12 12M18 6 6 18"/>""");

    private static HtmlString Icon(string paths) => new(
        $"""<svg class="icon-svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">{paths}</svg>""");
}

using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Forms;

/// <summary>
/// <c>&lt;input ward-date …&gt;</c>: a date field typed as dd/mm/yyyy whatever the browser's locale (docs/adr/0094) —
/// a text input with a pattern and a "dd/mm/yyyy" placeholder instead of <c>type="date"</c>, whose display follows the
/// browser. The value is <c>date-value</c> (or what <c>asp-for</c> gave) written as dd/MM/yyyy; after a refused post the
/// typed text comes back with the binder's error beside the field. Where the same field name is in a table's rows and
/// in an "add" form, each row names its id with <c>ward-date-row</c> and the add form an empty one: only the form whose
/// post carried that <c>id</c> (or none) shows the typed text and the error.
/// </summary>
[HtmlTargetElement("input", Attributes = "ward-date")]
public sealed class WardDateTagHelper(IStringLocalizer<SharedResource> texts) : TagHelper
{
    /// <summary>Runs after MVC's <c>InputTagHelper</c> (<c>asp-for</c>), whose ISO value and <c>type="date"</c> it replaces.</summary>
    public override int Order => 100;

    /// <summary>The date shown when nothing was posted.</summary>
    [HtmlAttributeName("date-value")]
    public DateOnly? Value { get; set; }

    /// <summary>The model's date when the field is bound with <c>asp-for</c> (read here, not from the ISO text MVC writes).</summary>
    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }

    /// <summary>The row's id when the same field is in several forms of a page; empty for the form that posts no id.</summary>
    [HtmlAttributeName("ward-date-row")]
    public string? Row { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.RemoveAll("ward-date");
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("inputmode", "numeric");
        output.Attributes.SetAttribute("pattern", @"\d{1,2}/\d{1,2}/\d{4}");
        output.Attributes.SetAttribute("placeholder", texts["Form.DatePlaceholder"].Value);
        output.Attributes.SetAttribute("title", texts["Form.DateHint"].Value);
        output.Attributes.SetAttribute("maxlength", "10");
        output.Attributes.SetAttribute("autocomplete", "off");

        var name = output.Attributes["name"]?.Value?.ToString();
        var request = ViewContext.HttpContext.Request;
        var postedId = request.HasFormContentType ? request.Form["id"].ToString() : "";
        var thisRow = Row is null || string.Equals(postedId, Row, StringComparison.OrdinalIgnoreCase);
        if (name is not null && thisRow && ViewContext.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is { } typed)
        {
            output.Attributes.SetAttribute("value", WardDateModelBinder.Parse(typed) is { } parsed ? WardDateModelBinder.Format(parsed) : typed);
            if (entry.Errors.Count > 0)
            {
                var errorId = TagBuilder.CreateSanitizedId(name + (Row is null ? "" : "-" + Row) + "-error", "_");
                output.Attributes.SetAttribute("aria-invalid", "true");
                output.Attributes.SetAttribute("aria-describedby", errorId);
                output.PostElement.AppendHtml($"<span class=\"field-error\" id=\"{errorId}\" data-testid=\"date-error\">");
                output.PostElement.Append(string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)));
                output.PostElement.AppendHtml("</span>");
            }

            return;
        }

        if ((Value ?? For?.Model as DateOnly?) is { } value)
        {
            output.Attributes.SetAttribute("value", WardDateModelBinder.Format(value));
        }
        else if (WardDateModelBinder.Parse(output.Attributes["value"]?.Value?.ToString()) is { } given)
        {
            output.Attributes.SetAttribute("value", WardDateModelBinder.Format(given));
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Forms;

/// <summary>
/// Binds <see cref="DateOnly"/> and <see cref="DateOnly"/>? from what staff type: day/month/year ("05/12/2026",
/// "5/12/2026"), whatever the browser's locale (docs/adr/0094). The ISO form links and scripts use ("2026-12-05") is
/// read too: it cannot be mistaken for a day/month/year date. Anything else leaves a Vietnamese model error on the field
/// and the typed text in the model state, so the form shows both beside the field (<see cref="WardDateTagHelper"/>).
/// </summary>
internal sealed class WardDateModelBinder : IModelBinder
{
    private static readonly string[] Formats = ["d/M/yyyy", "yyyy-MM-dd"];

    /// <summary>The ward date <paramref name="text"/> names, if it is one (day/month/year or ISO), else null.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>How a ward date is written in forms: dd/MM/yyyy.</summary>
    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var name = bindingContext.ModelName;
        var value = bindingContext.ValueProvider.GetValue(name);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(name, value);
        var text = value.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            // Empty: null for an optional date; a required one is the page's [Required] to report.
            if (Nullable.GetUnderlyingType(bindingContext.ModelType) is not null)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }

            return Task.CompletedTask;
        }

        if (Parse(text) is { } date)
        {
            bindingContext.Result = ModelBindingResult.Success(date);
            return Task.CompletedTask;
        }

        var texts = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        bindingContext.ModelState.TryAddModelError(name, texts["Form.BadDate", text.Trim()]);
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}

/// <summary>Puts <see cref="WardDateModelBinder"/> in front of MVC's own binder for every <see cref="DateOnly"/> and <see cref="DateOnly"/>?.</summary>
internal sealed class WardDateModelBinderProvider : IModelBinderProvider
{
    private static readonly WardDateModelBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.ModelType == typeof(DateOnly) || context.Metadata.ModelType == typeof(DateOnly?) ? Binder : null;
    }
}

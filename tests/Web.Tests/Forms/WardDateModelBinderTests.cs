using System.Globalization;
using DaoVien.OnlineReception.Web.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace DaoVien.OnlineReception.Web.Tests.Forms;

/// <summary>What the date binder reads (day/month/year, and the ISO form links use) and how it refuses the rest.</summary>
public sealed class WardDateModelBinderTests
{
    [Theory]
    [InlineData("05/12/2026", 2026, 12, 5)]
    [InlineData("5/12/2026", 2026, 12, 5)]
    [InlineData("08/02/2027", 2027, 2, 8)]
    [InlineData("8/2/2027", 2027, 2, 8)]
    [InlineData(" 29/02/2028 ", 2028, 2, 29)]
    [InlineData("2026-12-05", 2026, 12, 5)]
    public async Task Bind_DayMonthYearOrIso_GivesTheWardDate(string typed, int year, int month, int day)
    {
        var (result, state) = await BindAsync(typeof(DateOnly?), typed);

        Assert.True(result.IsModelSet);
        Assert.Equal(new DateOnly(year, month, day), result.Model);
        Assert.Equal(0, state.ErrorCount);
        Assert.Equal(typed, state["date"]!.AttemptedValue);
    }

    [Theory]
    [InlineData("31/02/2026")]
    [InlineData("12/31/2026")]
    [InlineData("29/02/2027")]
    [InlineData("05-12-2026")]
    [InlineData("05/12/26")]
    [InlineData("hôm nay")]
    public async Task Bind_NotADayMonthYearDate_VietnameseErrorOnTheFieldAndTheTextKept(string typed)
    {
        var (result, state) = await BindAsync(typeof(DateOnly), typed);

        Assert.False(result.IsModelSet);
        var entry = state["date"]!;
        Assert.Equal(typed, entry.AttemptedValue);
        var error = Assert.Single(entry.Errors).ErrorMessage;
        Assert.Equal($"\"{typed.Trim()}\" không phải là ngày hợp lệ: hãy gõ ngày/tháng/năm, ví dụ 05/12/2026.", error);
    }

    [Fact]
    public async Task Bind_Empty_NullForAnOptionalDateNothingForARequiredOne_NoError()
    {
        var (optional, optionalState) = await BindAsync(typeof(DateOnly?), "");
        var (required, requiredState) = await BindAsync(typeof(DateOnly), "");

        Assert.True(optional.IsModelSet);
        Assert.Null(optional.Model);
        Assert.False(required.IsModelSet);
        Assert.Equal(0, optionalState.ErrorCount);
        Assert.Equal(0, requiredState.ErrorCount);
    }

    [Fact]
    public void Provider_BindsOnlyDates()
    {
        var metadata = new EmptyModelMetadataProvider();
        var provider = new WardDateModelBinderProvider();

        Assert.IsType<WardDateModelBinder>(provider.GetBinder(new Context(metadata.GetMetadataForType(typeof(DateOnly)))));
        Assert.IsType<WardDateModelBinder>(provider.GetBinder(new Context(metadata.GetMetadataForType(typeof(DateOnly?)))));
        Assert.Null(provider.GetBinder(new Context(metadata.GetMetadataForType(typeof(DateTime)))));
        Assert.Null(provider.GetBinder(new Context(metadata.GetMetadataForType(typeof(string)))));
    }

    private static async Task<(ModelBindingResult Result, ModelStateDictionary State)> BindAsync(Type type, string typed)
    {
        var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("vi-VN");
        try
        {
            var context = new DefaultModelBindingContext
            {
                ModelName = "date",
                ModelState = new ModelStateDictionary(),
                ModelMetadata = new EmptyModelMetadataProvider().GetMetadataForType(type),
                ActionContext = new ActionContext { HttpContext = new DefaultHttpContext { RequestServices = services } },
                ValueProvider = new Typed(typed),
            };
            await new WardDateModelBinder().BindModelAsync(context);
            return (context.Result, context.ModelState);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private sealed class Typed(string text) : IValueProvider
    {
        public bool ContainsPrefix(string prefix) => prefix == "date";

        public ValueProviderResult GetValue(string key) => key == "date" ? new ValueProviderResult(new StringValues(text), CultureInfo.InvariantCulture) : ValueProviderResult.None;
    }

    private sealed class Context(ModelMetadata metadata) : ModelBinderProviderContext
    {
        public override BindingInfo BindingInfo => new();

        public override ModelMetadata Metadata => metadata;

        public override IModelMetadataProvider MetadataProvider => new EmptyModelMetadataProvider();

        public override IModelBinder CreateBinder(ModelMetadata metadata) => throw new NotSupportedException();
    }
}

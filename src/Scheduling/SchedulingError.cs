using Microsoft.AspNetCore.Http;

namespace DaoVien.OnlineReception.Scheduling;

/// <summary>
/// An error a user caused: HTTP status, a Vietnamese sentence, the form field it concerns. Nothing was changed. A form
/// with several mistakes gets them all: the first here, every one (this included) in <see cref="All"/>.
/// </summary>
internal sealed record SchedulingError(int Status, string Message, string? Field = null)
{
    private IReadOnlyList<SchedulingError>? _all;

    /// <summary>Every mistake of the same request, this one first.</summary>
    public IReadOnlyList<SchedulingError> All => _all ?? [this];

    /// <summary>The first of <paramref name="errors"/> carrying them all, or null when there are none.</summary>
    /// <param name="errors">The request's mistakes in the form's order.</param>
    public static SchedulingError? Of(IReadOnlyList<SchedulingError> errors) =>
        errors.Count == 0 ? null : errors[0] with { _all = [.. errors] };

    public static SchedulingError Invalid(string messageKey, string? field = null, params object?[] args) =>
        new(StatusCodes.Status400BadRequest, Messages.Format(messageKey, args), field);

    public static SchedulingError Conflict(string message) => new(StatusCodes.Status409Conflict, message);

    public static SchedulingError NotFound(string messageKey) => new(StatusCodes.Status404NotFound, Messages.Get(messageKey));

    public static SchedulingError Forbidden(string messageKey) => new(StatusCodes.Status403Forbidden, Messages.Get(messageKey));

    public IResult ToProblem() => Results.Problem(
        detail: Message,
        statusCode: Status,
        title: Messages.Get(Status switch { 403 => "Problem.Forbidden", 404 => "Problem.NotFound", 409 => "Problem.Conflict", _ => "Problem.Invalid" }),
        extensions: Field is null ? null : new Dictionary<string, object?>
        {
            ["field"] = Field,
            ["errors"] = All.Where(e => e.Field is not null).ToDictionary(e => e.Field!, e => e.Message),
        });
}

/// <summary>Either a value or a <see cref="SchedulingError"/>.</summary>
internal readonly record struct Outcome<T>(T? Value, SchedulingError? Error)
{
    public bool Succeeded => Error is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(SchedulingError error) => new(default, error);
}

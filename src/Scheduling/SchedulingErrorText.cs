namespace DaoVien.OnlineReception.Scheduling;

/// <summary>Sentences pages need for errors they detect before calling the module (e.g. unparsable dates).</summary>
internal static class SchedulingErrorText
{
    public static string BadDateTime => Messages.Get("Form.BadDateTime");
}

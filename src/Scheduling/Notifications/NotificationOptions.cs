using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Scheduling.Notifications;

/// <summary>Outgoing e-mail (section <c>Notifications</c>). With no SMTP host, messages wait in the outbox (visible to staff).</summary>
internal sealed class NotificationOptions
{
    public const string Section = "Notifications";

    [Required]
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>A message is given up after this many failed attempts (and stays visible as failed).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Local time of day the reminder job runs for the next day's bookings.</summary>
    public TimeOnly ReminderTime { get; set; } = new(8, 0);
}

internal sealed class SmtpOptions
{
    /// <summary>Empty: no sending; the outbox keeps every message pending.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>
    /// Require STARTTLS (the default: the bodies carry private links and names); a server that does not offer it is
    /// refused and the messages stay pending. Only a local listener without TLS (the tests') sets this to false.
    /// </summary>
    public bool UseStartTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required]
    public string From { get; set; } = "tiepcongdan@daovien.gov.vn";

    [Required]
    public string FromName { get; set; } = "UBND phường Đào Viên";
}

using System.Globalization;
using System.Text.Json;
using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Representation;
using DaoVien.OnlineReception.Scheduling.WorkingDays;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>Every change to a case file goes through here, so each one is validated and written to the case's history.</summary>
internal sealed class CaseRegistry(
    CasesDbContext db,
    DeadlineService deadlines,
    IIdentitySealer sealer,
    IStaffDirectory staff,
    IOptions<RepresentationOptions> representation,
    WardClock clock,
    ILogger<CaseRegistry> logger)
{

    public async Task<(CaseResult Result, CaseFile? File)> CreateAsync(NewCase input, CaseActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Summary))
        {
            return (CaseResult.Fail(CaseErrors.SummaryRequired), null);
        }

        if (string.IsNullOrWhiteSpace(input.SubjectArea))
        {
            return (CaseResult.Fail(CaseErrors.SubjectRequired), null);
        }

        var persons = input.Persons.Where(p => !string.IsNullOrWhiteSpace(p.FullName)).ToList();
        if (persons.Count == 0)
        {
            return (CaseResult.Fail(CaseErrors.PersonRequired), null);
        }

        var people = input.PeopleCount ?? persons.Count;
        if (people < persons.Count || people > 100_000)
        {
            return (CaseResult.Fail(CaseErrors.PeopleCount), null);
        }

        if (persons.Count > representation.Value.MaxFor(people))
        {
            return (CaseResult.Fail(CaseErrors.TooManyRepresentatives), null);
        }

        if (input.ReceivedOn > clock.Today)
        {
            return (CaseResult.Fail(CaseErrors.DateInFuture), null);
        }

        if (input.LearnedOfDecisionOn > input.ReceivedOn)
        {
            return (CaseResult.Fail(CaseErrors.LearnedAfterReceipt), null);
        }

        ForwardedLetterInput? forwarded = null;
        if (input.Forwarded is { } letterInput)
        {
            if (ForwardedLetterRules.Validate(letterInput, clock.Today, input.ReceivedOn, out forwarded) is { } letterError)
            {
                logger.LogInformation("New case refused: forwarded letter {Error}", letterError);
                return (CaseResult.Fail(letterError), null);
            }
        }

        if (input.AssigneeId is { } assignee && await staff.FindAsync(assignee, cancellationToken) is not { IsActive: true })
        {
            return (CaseResult.Fail(CaseErrors.AssigneeUnknown), null);
        }

        var sealedKind = input.Kind == CaseKind.Denunciation;
        var file = new CaseFile
        {
            Id = Guid.NewGuid(),
            Number = await NextNumberAsync(cancellationToken),
            Kind = input.Kind,
            Channel = input.Channel,
            SubjectArea = input.SubjectArea.Trim(),
            Summary = input.Summary.Trim(),
            IsGroup = input.IsGroup || people > 1,
            PeopleCount = people,
            LearnedOfDecisionOn = input.Kind == CaseKind.Complaint ? input.LearnedOfDecisionOn : null,
            Status = CaseStatus.Received,
            Instance = input.Instance,
            Complexity = input.Complexity,
            IsRemoteArea = input.IsRemoteArea,
            ReceivedOn = input.ReceivedOn,
            AssigneeId = input.AssigneeId,
            BookingId = input.BookingId,
            ReceptionId = input.ReceptionId,
            CitizenIdHash = sealedKind ? null : CitizenIdHash.Compute(persons[0].IdNumber),
            CreatedAt = clock.UtcNow,
            CreatedBy = actor.Id,
        };
        var position = 1;
        if (sealedKind && input.SealedIdentity is { } alreadySealed)
        {
            // Sealed at the reception; the server has no way (and no need) to open it here.
            file.Persons.Add(new CasePerson { Id = Guid.NewGuid(), Position = 1, SealedIdentity = alreadySealed, SealingKeyFingerprint = sealer.KeyFingerprint });
            persons.Clear();
        }

        foreach (var p in persons)
        {
            file.Persons.Add(sealedKind ? SealPerson(p, position++) : new CasePerson
            {
                Id = Guid.NewGuid(),
                Position = position++,
                IsRepresentative = p.IsRepresentative,
                FullName = p.FullName.Trim(),
                Address = Clean(p.Address),
                IdNumber = Clean(p.IdNumber),
                Phone = Clean(p.Phone),
            });
        }

        if (input.SessionId is { } session)
        {
            file.Links.Add(new CaseLink { Id = Guid.NewGuid(), Kind = CaseLinkKind.Session, TargetId = session, Label = input.SessionLabel ?? "Phiên tiếp trực tuyến", LinkedAt = clock.UtcNow });
        }

        AddHistory(file, actor, "Created", string.Create(CultureInfo.InvariantCulture, $"Tiếp nhận ({CaseLabels.Label(input.Channel).ToLowerInvariant()}), loại {CaseLabels.Label(input.Kind).ToLowerInvariant()}, lĩnh vực {file.SubjectArea}"));
        var calendar = await deadlines.LoadCalendarAsync([file], cancellationToken);
        CheckFilingWindow(file, calendar, actor);
        deadlines.Recompute(file, calendar);
        db.Cases.Add(file);
        if (forwarded is not null)
        {
            var letter = new ForwardedLetter
            {
                Id = Guid.NewGuid(), CaseId = file.Id, Source = forwarded.Source, Agency = forwarded.Agency!, Reference = forwarded.Reference,
                LetterDate = forwarded.LetterDate!.Value, ReportDueOn = forwarded.ReportDueOn!.Value, RecordedAt = clock.UtcNow, RecordedBy = actor.Id,
            };
            db.ForwardedLetters.Add(letter);
            AddHistory(file, actor, "Forwarded", ForwardedLetterService.Describe(letter));
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Case {CaseNumber} created ({Kind}, {Channel})", file.Number, file.Kind, file.Channel);
        return (CaseResult.Ok, file);
    }

    public Task<CaseFile?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Cases
            .Include(c => c.Persons.OrderBy(p => p.Position))
            .Include(c => c.History.OrderBy(h => h.At))
            .Include(c => c.Deadlines)
            .Include(c => c.Extensions.OrderBy(e => e.Ordinal))
            .Include(c => c.Links)
            .Include(c => c.Documents)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<CaseResult> TransitionAsync(Guid id, Transition t, CaseActor actor, CancellationToken cancellationToken)
    {
        var file = await LoadAsync(id, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return CaseResult.Fail(CaseErrors.NotFound);
        }

        // Signs of a crime can surface during the resolution too: the file then goes to the investigation agency.
        var crimeReferralLater = t.To == CaseStatus.Transferred && t.TransferKind == TransferKind.CrimeReferral && file.Status is CaseStatus.Accepted or CaseStatus.UnderResolution;
        if (!CaseWorkflow.CanMove(file.Status, t.To) && !crimeReferralLater)
        {
            return CaseResult.Fail(CaseErrors.InvalidTransition);
        }

        var today = clock.Today;
        var date = t.Date ?? today;
        if (date > today)
        {
            return CaseResult.Fail(CaseErrors.DateInFuture);
        }

        string details;
        switch (t.To)
        {
            case CaseStatus.Classified:
                file.Complexity = t.Complexity ?? file.Complexity;
                file.Instance = t.Instance ?? file.Instance;
                file.IsRemoteArea = t.IsRemoteArea ?? file.IsRemoteArea;
                details = string.Create(CultureInfo.InvariantCulture, $"Phân loại: mức độ {CaseLabels.Label(file.Complexity)}, giải quyết {CaseLabels.Label(file.Instance)}, vùng sâu vùng xa: {(file.IsRemoteArea ? "có" : "không")}");
                break;
            case CaseStatus.Accepted:
                file.AcceptedOn = date;
                DeadlineService.Complete(file, today, DeadlineKind.Acceptance, DeadlineKind.ReceptionReply);
                details = string.Create(CultureInfo.InvariantCulture, $"Thụ lý ngày {date:dd/MM/yyyy}");
                break;
            case CaseStatus.Refused:
                if (string.IsNullOrWhiteSpace(t.RefusalGround))
                {
                    return CaseResult.Fail(CaseErrors.RefusalGroundRequired);
                }

                if (t.AlreadyResolvedCorrectly && (string.IsNullOrWhiteSpace(t.Reference) || t.Date is null))
                {
                    return CaseResult.Fail(CaseErrors.EndNoticeRequired);
                }

                file.RefusalGround = t.RefusalGround.Trim();
                DeadlineService.Complete(file, today, DeadlineKind.Acceptance, DeadlineKind.ReceptionReply);
                details = "Không thụ lý. Căn cứ: " + file.RefusalGround;
                if (t.AlreadyResolvedCorrectly)
                {
                    // Luật TCD Art. 9(3): refusing a repeated, correctly resolved matter needs the ward's written notice;
                    // it goes into the file as a document, so the next reception can point to it.
                    file.EndNoticeNumber = t.Reference!.Trim();
                    file.EndNoticeDate = date;
                    file.Documents.Add(new CaseDocument { Id = Guid.NewGuid(), CaseId = file.Id, Title = EndNoticeTitle, Reference = file.EndNoticeNumber, DocumentDate = date, AddedAt = clock.UtcNow, AddedBy = actor.Id });
                    details += string.Create(CultureInfo.InvariantCulture, $". {EndNoticeTitle} số {file.EndNoticeNumber} ngày {date:dd/MM/yyyy} (Luật Tiếp công dân 2013 Điều 9 khoản 3)");
                }

                break;
            case CaseStatus.Transferred:
            case CaseStatus.Guided:
                if (string.IsNullOrWhiteSpace(t.Agency))
                {
                    return CaseResult.Fail(CaseErrors.AgencyRequired);
                }

                if (t.To == CaseStatus.Transferred)
                {
                    if (t.TransferKind == TransferKind.CrimeReferral && string.IsNullOrWhiteSpace(t.Reference))
                    {
                        return CaseResult.Fail(CaseErrors.ReferenceRequired);
                    }

                    file.TransferredTo = t.Agency.Trim();
                    file.TransferKind = t.TransferKind;
                    file.TransferReference = string.IsNullOrWhiteSpace(t.Reference) ? null : t.Reference.Trim();
                    file.TransferredOn = date;
                    details = t.TransferKind == TransferKind.CrimeReferral
                        ? string.Create(CultureInfo.InvariantCulture, $"Chuyển cơ quan điều tra (có dấu hiệu tội phạm, BLTTHS 2015 Điều 145): {file.TransferredTo}, công văn số {file.TransferReference} ngày {date:dd/MM/yyyy}")
                        : "Chuyển đơn đến " + file.TransferredTo + (file.TransferReference is null ? "" : ", công văn số " + file.TransferReference);
                    if (crimeReferralLater)
                    {
                        DeadlineService.Complete(file, today, DeadlineKind.Notification, DeadlineKind.Resolution);
                    }
                }
                else
                {
                    file.GuidedTo = t.Agency.Trim();
                    details = "Hướng dẫn đến " + file.GuidedTo;
                }

                DeadlineService.Complete(file, today, DeadlineKind.Acceptance, DeadlineKind.ReceptionReply);
                break;
            case CaseStatus.UnderResolution:
                details = "Bắt đầu giải quyết";
                break;
            case CaseStatus.Resolved:
                if (string.IsNullOrWhiteSpace(t.DecisionNumber) || t.Date is null)
                {
                    return CaseResult.Fail(CaseErrors.DecisionRequired);
                }

                file.DecisionNumber = t.DecisionNumber.Trim();
                file.DecisionDate = t.Date;
                file.ResolvedOn = t.Date;
                DeadlineService.Complete(file, t.Date.Value, DeadlineKind.Resolution);
                details = string.Create(CultureInfo.InvariantCulture, $"Giải quyết: quyết định số {file.DecisionNumber} ngày {t.Date:dd/MM/yyyy}");
                break;
            default:
                details = "Đóng hồ sơ";
                break;
        }

        var from = file.Status;
        file.Status = t.To;
        if (!string.IsNullOrWhiteSpace(t.Note))
        {
            details += ". Ghi chú: " + t.Note.Trim();
        }

        AddHistory(file, actor, "Status:" + t.To, string.Create(CultureInfo.InvariantCulture, $"{CaseWorkflow.Label(from)} → {CaseWorkflow.Label(t.To)}. {details}"));
        deadlines.Recompute(file, await deadlines.LoadCalendarAsync([file], cancellationToken));
        return await SaveAsync(cancellationToken);
    }

    public async Task<CaseResult> AssignAsync(Guid id, Guid assigneeId, CaseActor actor, CancellationToken cancellationToken)
    {
        var file = await LoadAsync(id, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return CaseResult.Fail(CaseErrors.NotFound);
        }

        var member = await staff.FindAsync(assigneeId, cancellationToken);
        if (member is not { IsActive: true })
        {
            return CaseResult.Fail(CaseErrors.AssigneeUnknown);
        }

        file.AssigneeId = assigneeId;
        AddHistory(file, actor, "Assigned", "Giao cho " + member.FullName);
        return await SaveAsync(cancellationToken);
    }

    /// <summary>A written extension of a denunciation's resolution deadline (Luật Tố cáo Art. 30).</summary>
    public async Task<CaseResult> ExtendAsync(Guid id, int days, string decisionNumber, DateOnly decisionDate, CaseActor actor, CancellationToken cancellationToken)
    {
        var file = await LoadAsync(id, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return CaseResult.Fail(CaseErrors.NotFound);
        }

        if (file.Kind != CaseKind.Denunciation)
        {
            return CaseResult.Fail(CaseErrors.ExtensionNotDenunciation);
        }

        if (file.Status is not (CaseStatus.Accepted or CaseStatus.UnderResolution))
        {
            return CaseResult.Fail(CaseErrors.ExtensionWrongStatus);
        }

        var max = DeadlinePlanner.MaxExtensions(file.Complexity, deadlines.Options);
        if (max == 0)
        {
            return CaseResult.Fail(CaseErrors.ExtensionNotAllowed);
        }

        if (file.Extensions.Count >= max)
        {
            return CaseResult.Fail(CaseErrors.ExtensionCapReached);
        }

        if (days < 1 || days > deadlines.Options.DenunciationExtensionMaxDays)
        {
            return CaseResult.Fail(CaseErrors.ExtensionDays);
        }

        if (string.IsNullOrWhiteSpace(decisionNumber))
        {
            return CaseResult.Fail(CaseErrors.DecisionRequired);
        }

        if (decisionDate > clock.Today)
        {
            return CaseResult.Fail(CaseErrors.DateInFuture);
        }

        var extension = new CaseExtension
        {
            Id = Guid.NewGuid(),
            CaseId = file.Id,
            Ordinal = file.Extensions.Count + 1,
            Days = days,
            DecisionNumber = decisionNumber.Trim(),
            DecisionDate = decisionDate,
            RecordedAt = clock.UtcNow,
            RecordedBy = actor.Id,
        };
        file.Extensions.Add(extension);
        deadlines.Recompute(file, await deadlines.LoadCalendarAsync([file], cancellationToken));
        var due = file.Deadlines.Single(d => d.Kind == DeadlineKind.Resolution).DueDate;
        AddHistory(file, actor, "Extended", string.Create(CultureInfo.InvariantCulture, $"Gia hạn lần {extension.Ordinal}: {days} ngày, quyết định số {extension.DecisionNumber} ngày {decisionDate:dd/MM/yyyy}; hạn mới {due:dd/MM/yyyy}"));
        return await SaveAsync(cancellationToken);
    }

    public async Task<CaseResult> MarkNotifiedAsync(Guid id, DateOnly on, CaseActor actor, CancellationToken cancellationToken)
    {
        var file = await LoadAsync(id, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return CaseResult.Fail(CaseErrors.NotFound);
        }

        if (file.Kind != CaseKind.Denunciation || file.AcceptedOn is null)
        {
            return CaseResult.Fail(CaseErrors.NotificationNotDenunciation);
        }

        if (on > clock.Today)
        {
            return CaseResult.Fail(CaseErrors.DateInFuture);
        }

        file.NotifiedOn = on;
        DeadlineService.Complete(file, on, DeadlineKind.Notification);
        AddHistory(file, actor, "Notified", string.Create(CultureInfo.InvariantCulture, $"Đã thông báo thụ lý cho người tố cáo ngày {on:dd/MM/yyyy}"));
        return await SaveAsync(cancellationToken);
    }

    public async Task<CaseResult> AddDocumentAsync(Guid id, string title, string? reference, DateOnly date, CaseActor actor, CancellationToken cancellationToken)
    {
        var file = await LoadAsync(id, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return CaseResult.Fail(CaseErrors.NotFound);
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return CaseResult.Fail(CaseErrors.DocumentTitleRequired);
        }

        file.Documents.Add(new CaseDocument { Id = Guid.NewGuid(), CaseId = file.Id, Title = title.Trim(), Reference = Clean(reference), DocumentDate = date, AddedAt = clock.UtcNow, AddedBy = actor.Id });
        AddHistory(file, actor, "Document", "Thêm tài liệu: " + title.Trim());
        return await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Extends a denunciation's initial processing from 7 to 10 working days (Luật Tố cáo 2018 Art. 24) because the
    /// letter needs verification: once, before the acceptance decision and before the normal limit has passed.
    /// </summary>
    public async Task<CaseResult> ExtendInitialProcessingAsync(Guid id, string reason, CaseActor actor, CancellationToken cancellationToken)
    {
        var file = await LoadAsync(id, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return CaseResult.Fail(CaseErrors.NotFound);
        }

        if (file.Kind != CaseKind.Denunciation)
        {
            return CaseResult.Fail(CaseErrors.ExtensionNotDenunciation);
        }

        var acceptance = file.Deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.Acceptance);
        if (file.InitialProcessingExtendedOn is not null || acceptance is null || acceptance.CompletedOn is not null || clock.Today > acceptance.DueDate)
        {
            return CaseResult.Fail(CaseErrors.InitialExtensionNotAllowed);
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            return CaseResult.Fail(CaseErrors.ReasonRequired);
        }

        var before = acceptance.DueDate;
        file.InitialProcessingExtendedOn = clock.Today;
        file.InitialProcessingExtensionReason = reason.Trim();
        deadlines.Recompute(file, await deadlines.LoadCalendarAsync([file], cancellationToken));
        AddHistory(file, actor, "InitialExtended", string.Create(CultureInfo.InvariantCulture,
            $"Kéo dài thời hạn xử lý ban đầu đơn tố cáo (Luật Tố cáo 2018 Điều 24): {deadlines.Options.DenunciationInitialProcessingWorkingDays} → {deadlines.Options.DenunciationInitialProcessingExtendedWorkingDays} ngày làm việc, hạn {before:dd/MM/yyyy} → {acceptance.DueDate:dd/MM/yyyy}. Lý do: {file.InitialProcessingExtensionReason}"));
        return await SaveAsync(cancellationToken);
    }

    /// <summary>Records the investigation agency's answer to a crime referral, which meets the tracked deadline.</summary>
    public async Task<CaseResult> RecordReferralAnswerAsync(Guid id, string answer, DateOnly on, CaseActor actor, CancellationToken cancellationToken)
    {
        var file = await LoadAsync(id, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return CaseResult.Fail(CaseErrors.NotFound);
        }

        if (file.TransferKind != TransferKind.CrimeReferral || file.ReferralAnsweredOn is not null)
        {
            return CaseResult.Fail(CaseErrors.ReferralNotPending);
        }

        if (string.IsNullOrWhiteSpace(answer) || answer.Length > 1000)
        {
            return CaseResult.Fail(CaseErrors.ReasonRequired);
        }

        if (on > clock.Today || on < file.TransferredOn)
        {
            return CaseResult.Fail(CaseErrors.DateInFuture);
        }

        file.ReferralAnswer = answer.Trim();
        file.ReferralAnsweredOn = on;
        DeadlineService.Complete(file, on, DeadlineKind.ReferralAnswer);
        AddHistory(file, actor, "ReferralAnswered", string.Create(CultureInfo.InvariantCulture, $"Cơ quan điều tra trả lời ngày {on:dd/MM/yyyy}: {file.ReferralAnswer}"));
        return await SaveAsync(cancellationToken);
    }

    /// <summary>Recomputes a case's deadlines now (after a holiday edit, or by a staff request).</summary>
    public async Task<CaseResult> RecomputeAsync(Guid id, CaseActor actor, CancellationToken cancellationToken)
    {
        var file = await LoadAsync(id, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return CaseResult.Fail(CaseErrors.NotFound);
        }

        if (deadlines.Recompute(file, await deadlines.LoadCalendarAsync([file], cancellationToken)))
        {
            AddHistory(file, actor, "Recomputed", "Tính lại thời hạn theo lịch ngày nghỉ hiện hành");
        }

        return await SaveAsync(cancellationToken);
    }

    /// <summary>Records that <paramref name="actor"/> viewed a denunciation case (every view, Luật Tố cáo Art. 47).</summary>
    public async Task LogViewAsync(CaseFile file, CaseActor actor, string what, CancellationToken cancellationToken)
    {
        if (file.Kind != CaseKind.Denunciation || actor.Id is not { } viewer)
        {
            return;
        }

        db.AccessLog.Add(new CaseAccessLogEntry { CaseId = file.Id, CaseNumber = file.Number, ViewerId = viewer, ViewerName = actor.Name, What = what, At = clock.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
    }

    public const string EndNoticeTitle = "Văn bản thông báo chấm dứt xem xét, giải quyết vụ việc đã được giải quyết đúng";

    /// <summary>Luật Khiếu nại 2011 Art. 9: a complaint filed after the window is a warning in the file, never a refusal.</summary>
    private void CheckFilingWindow(CaseFile file, WorkingCalendar calendar, CaseActor actor)
    {
        var check = FilingWindow.Check(file.Kind, file.LearnedOfDecisionOn, file.ReceivedOn, calendar, deadlines.Options);
        file.FilingWindowEndsOn = check?.LastDay;
        if (check is { IsLate: true })
        {
            AddHistory(file, actor, "FilingWindowWarning", string.Create(CultureInfo.InvariantCulture,
                $"Cảnh báo: đơn nhận ngày {file.ReceivedOn:dd/MM/yyyy}, quá thời hiệu khiếu nại {check.DaysLate} ngày ({check.Rule}). Cán bộ xem xét lý do bất khả kháng trước khi thụ lý."));
        }
    }

    public void AddHistory(CaseFile file, CaseActor actor, string action, string details) =>
        file.History.Add(new CaseHistoryEntry { CaseId = file.Id, At = clock.UtcNow, ActorId = actor.Id, ActorName = actor.Name, Action = action, Details = details });

    public CasePerson SealPerson(ReceptionParticipant p, int position) => new()
    {
        Id = Guid.NewGuid(),
        Position = position,
        IsRepresentative = p.IsRepresentative,
        SealedIdentity = SealIdentity(p),
        SealingKeyFingerprint = sealer.KeyFingerprint,
    };

    /// <summary>The identity as JSON, sealed: the only form in which a denouncer's identity reaches the database.</summary>
    public string SealIdentity(params ReceptionParticipant[] people) =>
        sealer.Seal(JsonSerializer.Serialize(people.Select(p => new { p.FullName, p.Address, p.IdNumber, p.Phone, p.IsRepresentative }), SealedJson));

    // Readable Vietnamese for the officer who opens it offline; the JSON never reaches a browser, so no HTML escaping is needed.
    private static readonly JsonSerializerOptions SealedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private async Task<string> NextNumberAsync(CancellationToken cancellationToken)
    {
        var next = await db.Database.SqlQuery<long>($"SELECT nextval('cases.case_number_seq') AS \"Value\"").SingleAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{clock.Today.Year}-{next:D5}");
    }

    private async Task<CaseResult> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CaseResult.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            return CaseResult.Fail(CaseErrors.Concurrency);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation })
        {
            // Two staff acting at once (e.g. two extensions racing for the same ordinal): the database decides.
            return CaseResult.Fail(CaseErrors.Concurrency);
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

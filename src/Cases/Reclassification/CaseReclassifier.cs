using System.Globalization;
using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Minutes;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.ReceptionBook;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Representation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DaoVien.OnlineReception.Cases.Reclassification;

/// <summary>
/// Corrects a case's kind, complexity, instance, remote-area flag and persons after intake (issue 14 item 4,
/// docs/adr/0084). Every correction is an immutable <see cref="CaseChange"/> row with its reason; the deadlines are
/// placed again by the same rules intake uses, from the same receipt and acceptance dates; a case that becomes a
/// denunciation is sealed as intake seals one, and a denunciation never becomes another kind (the server cannot
/// unseal). A refusal changes nothing.
/// </summary>
internal sealed class CaseReclassifier(
    CasesDbContext db,
    CaseRegistry registry,
    DeadlineService deadlines,
    IIdentitySealer sealer,
    SessionMinutesService minutes,
    IOptions<RepresentationOptions> representation,
    IServiceProvider services,
    WardClock clock,
    ILogger<CaseReclassifier> logger)
{
    public const int MaxReasonLength = 500;

    private const int MaxPositions = 5;

    public async Task<CaseResult> ReclassifyAsync(Guid id, ReclassifyRequest request, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var file = await registry.LoadAsync(id, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return Refuse(id, actor, CaseErrors.NotFound);
        }

        if (!Enum.IsDefined(request.Kind ?? file.Kind) || !Enum.IsDefined(request.Complexity ?? file.Complexity) || !Enum.IsDefined(request.Instance ?? file.Instance))
        {
            return Refuse(id, actor, CaseErrors.ReclassifyUnknownKind);
        }

        var kind = request.Kind ?? file.Kind;
        if (kind != file.Kind && file.Kind == CaseKind.Denunciation)
        {
            return Refuse(id, actor, CaseErrors.ReclassifyFromDenunciation);
        }

        // Into a denunciation anyone who may open the case: protecting the denouncer must not wait (docs/adr/0084).
        if (kind != file.Kind && kind != CaseKind.Denunciation && !actor.MayChangeKind)
        {
            return Refuse(id, actor, CaseErrors.ReclassifyKindNotAllowed);
        }

        if (!TextInput.TryClean(request.Reason, multiline: true, out var reason))
        {
            return Refuse(id, actor, CaseErrors.ReclassifyBadText);
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            return Refuse(id, actor, CaseErrors.ReclassifyReason);
        }

        var complexity = request.Complexity ?? file.Complexity;
        var instance = request.Instance ?? file.Instance;
        var remote = request.IsRemoteArea ?? file.IsRemoteArea;
        if (instance != file.Instance && kind != CaseKind.Complaint)
        {
            return Refuse(id, actor, CaseErrors.ReclassifyInstanceNotComplaint);
        }

        if (kind == CaseKind.Denunciation && file.Extensions.Count > DeadlinePlanner.MaxExtensions(complexity, deadlines.Options))
        {
            return Refuse(id, actor, CaseErrors.ReclassifyExtensionsExceed);
        }

        var (personError, operations) = PlanPersons(file, request.Persons ?? []);
        if (personError is not null)
        {
            return Refuse(id, actor, personError);
        }

        var remaining = file.Persons.Count - operations.Count(o => o.Remove) + operations.Count(o => o.Existing is null);
        if (remaining == 0)
        {
            return Refuse(id, actor, CaseErrors.PersonRequired);
        }

        var freePositions = Enumerable.Range(1, MaxPositions).Except(file.Persons.Select(p => p.Position)).ToList();
        var people = Math.Max(file.PeopleCount, remaining);
        if (operations.Count(o => o.Existing is null) > freePositions.Count || remaining > representation.Value.MaxFor(people))
        {
            return Refuse(id, actor, CaseErrors.TooManyRepresentatives);
        }

        if (kind == file.Kind && complexity == file.Complexity && instance == file.Instance && remote == file.IsRemoteArea && operations.Count == 0)
        {
            return Refuse(id, actor, CaseErrors.ReclassifyNoChange);
        }

        // Everything is checked: from here on the correction is applied whole.
        var becomesDenunciation = kind == CaseKind.Denunciation && file.Kind != CaseKind.Denunciation;
        var sealedCase = kind == CaseKind.Denunciation;
        // A reason written while correcting a denouncer's persons may well name them: it is sealed with them.
        var rowReason = sealedCase && operations.Count > 0 ? sealer.Seal(reason) : reason;
        var rows = new List<CaseChange>();
        void Row(CaseChangeField field, int item, string? oldValue, string? newValue, bool sealedValues = false) => rows.Add(new CaseChange
        {
            CaseId = file.Id,
            At = clock.UtcNow,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Field = field,
            Item = item,
            OldValue = oldValue,
            NewValue = newValue,
            Reason = rowReason,
            Sealed = sealedValues || !ReferenceEquals(rowReason, reason),
            SealingKeyFingerprint = sealedValues || !ReferenceEquals(rowReason, reason) ? sealer.KeyFingerprint : null,
        });

        var summary = new List<string>();
        var previousKind = file.Kind;
        if (kind != file.Kind)
        {
            Row(CaseChangeField.Kind, 0, file.Kind.ToString(), kind.ToString());
            summary.Add($"loại đơn {KindLabel(file.Kind)} → {KindLabel(kind)}");
            file.Kind = kind;
        }

        if (complexity != file.Complexity)
        {
            Row(CaseChangeField.Complexity, 0, file.Complexity.ToString(), complexity.ToString());
            summary.Add($"mức độ {ComplexityLabel(file.Complexity)} → {ComplexityLabel(complexity)}");
            file.Complexity = complexity;
        }

        if (instance != file.Instance)
        {
            Row(CaseChangeField.Instance, 0, file.Instance.ToString(), instance.ToString());
            summary.Add($"giải quyết {InstanceLabel(file.Instance)} → {InstanceLabel(instance)}");
            file.Instance = instance;
        }

        if (remote != file.IsRemoteArea)
        {
            Row(CaseChangeField.RemoteArea, 0, file.IsRemoteArea.ToString(), remote.ToString());
            summary.Add($"vùng sâu, vùng xa: {(file.IsRemoteArea ? "có" : "không")} → {(remote ? "có" : "không")}");
            file.IsRemoteArea = remote;
        }

        ApplyPersons(file, operations, freePositions, sealedCase, Row, summary);
        file.PeopleCount = people;
        file.IsGroup = file.IsGroup || people > 1;

        if (becomesDenunciation)
        {
            var sealedCount = await SealCaseAsync(file, previousKind, cancellationToken);
            Row(CaseChangeField.Sealing, 0, null, sealedCount);
            summary.Add("niêm phong danh tính người tố cáo (" + sealedCount + ")");
        }
        else if (kind != previousKind)
        {
            foreach (var entry in await LinkedReceptionsAsync(file, cancellationToken))
            {
                entry.Kind = kind;
            }
        }

        var calendar = await deadlines.LoadCalendarAsync([file], cancellationToken);
        if (kind != previousKind)
        {
            file.FilingWindowEndsOn = FilingWindow.Check(file.Kind, file.LearnedOfDecisionOn, file.ReceivedOn, calendar, deadlines.Options)?.LastDay;
        }

        var replanned = deadlines.Replan(file, calendar);
        foreach (var change in replanned)
        {
            Row(CaseChangeField.Deadline, (int)change.Kind, change.OldRule, change.NewRule);
        }

        if (replanned.Count > 0)
        {
            summary.Add("thời hạn tính lại: " + string.Join("; ", replanned.Select(DescribeDeadline)));
        }

        db.Changes.AddRange(rows);
        registry.AddHistory(file, actor, "Reclassified", "Điều chỉnh hồ sơ (lý do và giá trị cũ/mới ở bảng Điều chỉnh): " + string.Join("; ", summary));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refuse(id, actor, CaseErrors.Concurrency);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation })
        {
            return Refuse(id, actor, CaseErrors.Concurrency);
        }

        logger.LogInformation("Case {CaseNumber} reclassified by {ActorId}: {Fields}; {Deadlines} deadlines placed again",
            file.Number, actor.Id, string.Join(",", rows.Select(r => r.Field).Distinct()), replanned.Count);
        return CaseResult.Ok;
    }

    /// <summary>The case's correction rows, oldest first.</summary>
    public async Task<IReadOnlyList<CaseChange>> ChangesAsync(Guid caseId, CancellationToken cancellationToken) =>
        await db.Changes.AsNoTracking().Where(c => c.CaseId == caseId).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    public static bool IsPersonField(CaseChangeField field) => field is CaseChangeField.PersonAdded or CaseChangeField.PersonCorrected or CaseChangeField.PersonRemoved;

    private sealed record PersonOperation(CasePerson? Existing, ReceptionParticipant? Person, bool Remove);

    private static (string? Error, List<PersonOperation> Operations) PlanPersons(CaseFile file, IReadOnlyList<PersonEdit> edits)
    {
        var operations = new List<PersonOperation>();
        var touched = new HashSet<int>();
        foreach (var edit in edits)
        {
            CasePerson? existing = null;
            if (edit.Position is { } position)
            {
                existing = file.Persons.FirstOrDefault(p => p.Position == position);
                if (existing is null || !touched.Add(position))
                {
                    return (CaseErrors.ReclassifyUnknownPerson, operations);
                }

                if (edit.Remove)
                {
                    operations.Add(new PersonOperation(existing, null, Remove: true));
                    continue;
                }
            }
            else if (edit.Remove)
            {
                return (CaseErrors.ReclassifyUnknownPerson, operations);
            }

            if (!TextInput.TryClean(edit.FullName, false, out var name) || !TextInput.TryClean(edit.Address, false, out var address)
                || !TextInput.TryClean(edit.IdNumber, false, out var idNumber) || !TextInput.TryClean(edit.Phone, false, out var phone))
            {
                return (CaseErrors.ReclassifyBadText, operations);
            }

            if (string.IsNullOrWhiteSpace(name) || name.Length > 200 || address?.Length > 400 || phone?.Length > 30)
            {
                return (CaseErrors.ReclassifyPersonName, operations);
            }

            idNumber = string.IsNullOrEmpty(idNumber) ? null : idNumber;
            if (idNumber is not null && (idNumber.Length is < 9 or > 12 || !idNumber.All(char.IsAsciiDigit)))
            {
                return (CaseErrors.ReclassifyIdNumber, operations);
            }

            var person = new ReceptionParticipant(name, Empty(address), idNumber, Empty(phone), edit.IsRepresentative);
            // The same values again are no correction (a form posts every row back as it was shown).
            if (existing is { IsSealed: false } && existing.FullName == person.FullName && existing.Address == person.Address
                && existing.IdNumber == person.IdNumber && existing.Phone == person.Phone && existing.IsRepresentative == person.IsRepresentative)
            {
                continue;
            }

            operations.Add(new PersonOperation(existing, person, Remove: false));
        }

        return (null, operations);
    }

    private void ApplyPersons(CaseFile file, List<PersonOperation> operations, List<int> freePositions, bool sealedCase,
        Action<CaseChangeField, int, string?, string?, bool> row, List<string> summary)
    {
        var free = new Queue<int>(freePositions);
        foreach (var op in operations)
        {
            if (op.Existing is { } existing)
            {
                var old = sealedCase ? existing.SealedIdentity ?? sealer.Seal(Describe(existing)) : Describe(existing);
                if (op.Remove)
                {
                    file.Persons.Remove(existing);
                    row(CaseChangeField.PersonRemoved, existing.Position, old, null, sealedCase);
                    summary.Add($"bỏ người thứ {existing.Position}");
                    continue;
                }

                var person = op.Person!;
                existing.IsRepresentative = person.IsRepresentative;
                if (sealedCase)
                {
                    SealInPlace(existing, person);
                }
                else
                {
                    existing.FullName = person.FullName;
                    existing.Address = person.Address;
                    existing.IdNumber = person.IdNumber;
                    existing.Phone = person.Phone;
                }

                row(CaseChangeField.PersonCorrected, existing.Position, old, sealedCase ? existing.SealedIdentity : Describe(existing), sealedCase);
                summary.Add($"sửa người thứ {existing.Position}");
                continue;
            }

            var position = free.Dequeue();
            var added = sealedCase
                ? registry.SealPerson(op.Person!, position)
                : new CasePerson { Id = Guid.NewGuid(), Position = position, IsRepresentative = op.Person!.IsRepresentative, FullName = op.Person.FullName, Address = op.Person.Address, IdNumber = op.Person.IdNumber, Phone = op.Person.Phone };
            added.CaseId = file.Id;
            file.Persons.Add(added);
            row(CaseChangeField.PersonAdded, position, null, sealedCase ? added.SealedIdentity : Describe(added), sealedCase);
            summary.Add($"thêm người thứ {position}");
        }

        if (!sealedCase && operations.Count > 0)
        {
            file.CitizenIdHash = CitizenIdHash.Compute(file.Persons.OrderBy(p => p.Position).First().IdNumber);
        }
    }

    /// <summary>
    /// Seals what intake would have sealed had the case arrived as a denunciation (docs/adr/0004, 0066, 0081): the
    /// persons, the citizen-ID hash, the earlier correction rows that hold identities, the reception-book row, the
    /// minutes and the booking with its attachments. Returns the summary for the history.
    /// </summary>
    private async Task<string> SealCaseAsync(CaseFile file, CaseKind previousKind, CancellationToken cancellationToken)
    {
        var persons = 0;
        foreach (var person in file.Persons.Where(p => !p.IsSealed))
        {
            SealInPlace(person, new ReceptionParticipant(person.FullName ?? "", person.Address, person.IdNumber, person.Phone, person.IsRepresentative));
            persons++;
        }

        file.CitizenIdHash = null;
        var earlier = await db.Changes.Where(c => c.CaseId == file.Id && !c.Sealed).ToListAsync(cancellationToken);
        foreach (var change in earlier)
        {
            if (IsPersonField(change.Field))
            {
                change.OldValue = change.OldValue is null ? null : sealer.Seal(change.OldValue);
                change.NewValue = change.NewValue is null ? null : sealer.Seal(change.NewValue);
            }

            change.Reason = sealer.Seal(change.Reason);
            change.Sealed = true;
            change.SealingKeyFingerprint = sealer.KeyFingerprint;
        }

        var receptions = await LinkedReceptionsAsync(file, cancellationToken);
        foreach (var entry in receptions)
        {
            entry.Kind = CaseKind.Denunciation;
            if (entry.IsSealed)
            {
                continue;
            }

            var names = (entry.CitizenName ?? "").Split("; ", StringSplitOptions.RemoveEmptyEntries);
            entry.SealedIdentity = registry.SealIdentity([.. names.Select((n, i) => i == 0
                ? new ReceptionParticipant(n, entry.CitizenAddress, entry.CitizenIdNumber, entry.CitizenPhone, entry.PeopleCount > 1)
                : new ReceptionParticipant(n, null, null, null, entry.PeopleCount > 1))]);
            entry.CitizenName = null;
            entry.CitizenAddress = null;
            entry.CitizenIdNumber = null;
            entry.CitizenIdHash = null;
            entry.CitizenPhone = null;
        }

        var sessions = file.Links.Where(l => l.Kind == CaseLinkKind.Session).Select(l => l.TargetId).ToList();
        var sealedMinutes = await minutes.SealForCaseAsync(file.Id, sessions, cancellationToken);

        var booking = "";
        if (file.BookingId is { } bookingId)
        {
            // Sealing the booking first is safe if the case's save then fails: sealing again is a no-op.
            var sealedBooking = await services.GetRequiredService<IBookingSealing>().SealAsDenunciationAsync(bookingId, cancellationToken);
            booking = sealedBooking ? ", đăng ký tiếp và tệp đính kèm" : "";
        }

        logger.LogInformation("Case {CaseNumber} became a denunciation (was {PreviousKind}): {Persons} persons, {Changes} history rows, {Receptions} book rows, {Minutes} minutes sealed{Booking}",
            file.Number, previousKind, persons, earlier.Count, receptions.Count, sealedMinutes, file.BookingId is null ? "" : ", booking");
        return string.Create(CultureInfo.InvariantCulture, $"{persons} người, {earlier.Count} dòng điều chỉnh trước, {receptions.Count} dòng sổ tiếp, {sealedMinutes} biên bản{booking}");
    }

    private void SealInPlace(CasePerson person, ReceptionParticipant identity)
    {
        person.SealedIdentity = registry.SealIdentity(identity);
        person.SealingKeyFingerprint = sealer.KeyFingerprint;
        person.FullName = null;
        person.Address = null;
        person.IdNumber = null;
        person.Phone = null;
    }

    private async Task<List<ReceptionEntry>> LinkedReceptionsAsync(CaseFile file, CancellationToken cancellationToken) =>
        await db.Receptions.Where(r => r.CaseId == file.Id || (file.ReceptionId != null && r.Id == file.ReceptionId)).ToListAsync(cancellationToken);

    private CaseResult Refuse(Guid id, CaseActor actor, string error)
    {
        if (error is CaseErrors.NotFound or CaseErrors.ReclassifyKindNotAllowed)
        {
            logger.LogWarning("Reclassification of case {CaseId} denied to {ActorId}: {Error}", id, actor.Id, error);
        }
        else
        {
            logger.LogInformation("Reclassification of case {CaseId} refused: {Error}", id, error);
        }

        return CaseResult.Fail(error);
    }

    private static string Describe(CasePerson p) =>
        string.Join(" · ", new[] { p.FullName, p.Address, p.IdNumber, p.Phone }.Where(v => !string.IsNullOrEmpty(v))) + (p.IsRepresentative ? " (người đại diện)" : "");

    private static string DescribeDeadline(DeadlineChange c) => c switch
    {
        { OldDue: null } => string.Create(CultureInfo.InvariantCulture, $"{DeadlineLabel(c.Kind)} mới, hạn {c.NewDue:dd/MM/yyyy}"),
        { NewDue: null } => string.Create(CultureInfo.InvariantCulture, $"{DeadlineLabel(c.Kind)} (hạn {c.OldDue:dd/MM/yyyy}) không còn áp dụng"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{DeadlineLabel(c.Kind)} {c.OldDue:dd/MM/yyyy} → {c.NewDue:dd/MM/yyyy}"),
    };

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // Vietnamese names for the history text, which other readers (exports, the offline officer) see without the pages' resources.
    private static string KindLabel(CaseKind kind) => kind switch
    {
        CaseKind.Complaint => "khiếu nại",
        CaseKind.Denunciation => "tố cáo",
        CaseKind.Petition => "kiến nghị",
        _ => "phản ánh",
    };

    private static string ComplexityLabel(CaseComplexity complexity) => complexity switch
    {
        CaseComplexity.Normal => "bình thường",
        CaseComplexity.Complex => "phức tạp",
        _ => "đặc biệt phức tạp",
    };

    private static string InstanceLabel(ComplaintInstance instance) => instance == ComplaintInstance.First ? "lần đầu" : "lần hai";

    private static string DeadlineLabel(DeadlineKind kind) => kind switch
    {
        DeadlineKind.ReceptionReply => "trả lời sau tiếp",
        DeadlineKind.Acceptance => "thụ lý / xử lý ban đầu",
        DeadlineKind.Notification => "thông báo thụ lý",
        DeadlineKind.ReferralAnswer => "trả lời của cơ quan điều tra",
        _ => "giải quyết",
    };
}

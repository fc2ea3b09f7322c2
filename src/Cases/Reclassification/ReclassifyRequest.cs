using DaoVien.OnlineReception.Cases.Registry;

namespace DaoVien.OnlineReception.Cases.Reclassification;

/// <summary>
/// A correction of a person on the case. No <see cref="Position"/>: a person to add. A position with
/// <see cref="Remove"/>: that person goes. A position otherwise: that person's identity is replaced by these fields
/// (for a sealed person every field is typed again: the server cannot read the old ones).
/// </summary>
internal sealed record PersonEdit(int? Position, string? FullName, string? Address, string? IdNumber, string? Phone, bool IsRepresentative, bool Remove = false);

/// <summary>What staff correct on a case after intake, and why; a null field stays as it is.</summary>
internal sealed record ReclassifyRequest(
    string? Reason,
    CaseKind? Kind = null,
    CaseComplexity? Complexity = null,
    ComplaintInstance? Instance = null,
    bool? IsRemoteArea = null,
    IReadOnlyList<PersonEdit>? Persons = null);

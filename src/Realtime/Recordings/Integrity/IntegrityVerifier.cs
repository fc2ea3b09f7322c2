using System.Text.Json;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Realtime.Recordings.Integrity;

/// <summary>Re-hashes archives: the manifest against the hash kept in the database, every file against the manifest.</summary>
internal sealed class IntegrityVerifier(RecordingsDbContext db, RecordingPaths paths, TimeProvider time, ILogger<IntegrityVerifier> logger)
{
    /// <summary>Checks every archive; returns how many do not match.</summary>
    public async Task<int> VerifyAllAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Archives.OrderBy(a => a.CreatedAt).Select(a => a.Id).ToListAsync(cancellationToken);
        var mismatches = 0;
        foreach (var id in ids)
        {
            if (await VerifyAsync(id, cancellationToken) is not null)
            {
                mismatches++;
            }
        }

        return mismatches;
    }

    /// <summary>Checks one archive and stores the result; returns the problem, or null when intact.</summary>
    public async Task<string?> VerifyAsync(Guid archiveId, CancellationToken cancellationToken)
    {
        var archive = await db.Archives.SingleAsync(a => a.Id == archiveId, cancellationToken);
        var problem = await FindProblemAsync(archive.Id, archive.ManifestSha256, cancellationToken);
        var now = time.GetUtcNow();
        await db.Archives.Where(a => a.Id == archiveId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Integrity, problem is null ? IntegrityState.Intact : IntegrityState.Mismatch)
            .SetProperty(a => a.IntegrityProblem, problem)
            .SetProperty(a => a.IntegrityCheckedAt, now), cancellationToken);
        if (problem is not null)
        {
            logger.LogError("Archive {ArchiveId} failed its integrity check: {Problem}", archiveId, problem);
        }

        return problem;
    }

    private async Task<string?> FindProblemAsync(Guid archiveId, string manifestSha256, CancellationToken cancellationToken)
    {
        var folder = paths.ArchiveFolder(archiveId);
        var manifestPath = Path.Combine(folder, ArchiveManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            return "manifest.json is missing";
        }

        var (_, sha) = await FileHashing.HashAsync(manifestPath, cancellationToken);
        if (!string.Equals(sha, manifestSha256.Trim(), StringComparison.Ordinal))
        {
            return "manifest.json does not match its recorded SHA-256";
        }

        ArchiveManifest? manifest;
        await using (var stream = File.OpenRead(manifestPath))
        {
            manifest = await JsonSerializer.DeserializeAsync<ArchiveManifest>(stream, ArchiveManifest.Json, cancellationToken);
        }

        var problems = new List<string>();
        foreach (var file in manifest?.Files ?? [])
        {
            var path = Path.GetFullPath(Path.Combine(folder, file.Name));
            if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                problems.Add($"{file.Name}: missing");
                continue;
            }

            var (size, fileSha) = await FileHashing.HashAsync(path, cancellationToken);
            if (size != file.Size || !string.Equals(fileSha, file.Sha256, StringComparison.Ordinal))
            {
                problems.Add($"{file.Name}: SHA-256 mismatch");
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}

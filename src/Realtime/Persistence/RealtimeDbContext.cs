using DaoVien.OnlineReception.Realtime.Dialogue;
using DaoVien.OnlineReception.Realtime.Lobby;
using DaoVien.OnlineReception.Realtime.Sessions;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Realtime.Persistence;

/// <summary>
/// The realtime module's tables, in schema <c>realtime</c>: lobby, sessions, participants, chat log, dialogue invitations.
/// New migration: <c>dotnet ef migrations add NAME --project src/Realtime --startup-project src/Web --context RealtimeDbContext --output-dir Persistence/Migrations</c>
/// </summary>
internal sealed class RealtimeDbContext(DbContextOptions<RealtimeDbContext> options) : DbContext(options)
{
    public const string Schema = "realtime";

    public DbSet<ReceptionSession> Sessions => Set<ReceptionSession>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();

    public DbSet<LobbyEntry> LobbyEntries => Set<LobbyEntry>();

    public DbSet<LobbyDay> LobbyDays => Set<LobbyDay>();

    public DbSet<DialogueInvitation> DialogueInvitations => Set<DialogueInvitation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        // The recordings feature has its own DbContext and schema in this assembly: leave its configurations to it.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RealtimeDbContext).Assembly, t => t.Namespace?.Contains(".Recordings", StringComparison.Ordinal) != true);
    }
}

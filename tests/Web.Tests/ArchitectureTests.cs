using System.Reflection;
using DaoVien.OnlineReception.Web.Tests.Architecture;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>
/// Dependencies point one way (docs/architecture.md, docs/adr/0089): Kernel → nothing of ours; Scheduling → Kernel;
/// Cases → Kernel, Scheduling; Realtime → Kernel, Scheduling; Web → all; the offline IdentityVault → Kernel only. Inside
/// a module, feature folders do not depend on each other in circles.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Prefix = "DaoVien.OnlineReception.";

    private static readonly string[] Modules = ["Kernel", "Scheduling", "Cases", "Realtime"];

    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "Kernel", [] },
        { "Scheduling", ["Kernel"] },
        { "Cases", ["Kernel", "Scheduling"] },
        { "Realtime", ["Kernel", "Scheduling"] },
        { "Web", ["Kernel", "Scheduling", "Cases", "Realtime"] },
        // The offline key tool: sealing and nothing else (no database, mail or scheduler code on that machine).
        { "IdentityVault", ["Kernel"] },
    };

    /// <summary>
    /// Folder uses that close cycles today, measured when the check was written (docs/adr/0089). Each entry is one folder
    /// edge left out of the cycle check: the use that points against the intended direction, so cutting it breaks its
    /// cycles. The test fails when an entry no longer exists, so the list only shrinks; a new cycle fails at once.
    /// Realtime: the hub's folder is used to push to browsers (issue 12 reshapes it), the options live in Sessions, and the
    /// Recordings folder is a module of its own in waiting. Scheduling and Cases: features that send mail reach the
    /// composer, days reach bookings and meeting blocks, the rule seeder publishes days; the case file reaches the
    /// children other folders own (deadlines, forwarded letters, reception participants).
    /// </summary>
    private static readonly (string Module, string From, string To)[] KnownBackEdges =
    [
        ("Realtime", "Lobby", "Sessions"),
        ("Realtime", "Lobby", "Signalling"),
        ("Realtime", "MediaServer", "Recordings"),
        ("Realtime", "MediaServer", "Signalling"),
        ("Realtime", "Sessions", "Recordings"),
        ("Realtime", "Sessions", "Signalling"),
        ("Scheduling", "Bookings", "Notifications"),
        ("Scheduling", "ReceptionDays", "Bookings"),
        ("Scheduling", "ReceptionDays", "Meetings"),
        ("Scheduling", "ReceptionDays", "Notifications"),
        ("Scheduling", "ReceptionRules", "ReceptionDays"),
        ("Cases", "ForwardedLetters", "Notifications"),
        ("Cases", "ReceptionBook", "Intake"),
        ("Cases", "Registry", "Deadlines"),
        ("Cases", "Registry", "ForwardedLetters"),
        ("Cases", "Registry", "Intake"),
    ];

    /// <summary>The modules; not the host, whose Hosting folder composes everything else.</summary>
    public static TheoryData<string> ModulesWithFolders => [.. Modules];

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Module_References_OnlyAllowedModules(string module, string[] allowed)
    {
        var referenced = Assembly.Load(Prefix + module).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .ToList();

        Assert.Empty(referenced.Except(allowed));
    }

    [Fact]
    public void Kernel_References_NoPersistenceSchedulerOrMail()
    {
        // What the offline tool would otherwise carry to the offline machine.
        var banned = new[] { "Microsoft.EntityFrameworkCore", "Npgsql", "Quartz", "MailKit", "MimeKit" };
        var referenced = Assembly.Load(Prefix + "Kernel").GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(referenced, n => banned.Any(b => n.StartsWith(b, StringComparison.Ordinal)));
    }

    [Fact]
    public void Modules_DoNotExposePersistenceTypes()
    {
        // A module's public surface is its contracts: DbContexts and entities stay internal.
        foreach (var module in Modules)
        {
            var leaked = Assembly.Load(Prefix + module).GetExportedTypes()
                .Where(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.DbContext)))
                .Select(t => t.FullName);
            Assert.Empty(leaked);
        }
    }

    [Theory]
    [MemberData(nameof(ModulesWithFolders))]
    public void Module_Folders_HaveNoCycles(string module)
    {
        var uses = FolderGraph.UsesIn(Assembly.Load(Prefix + module), Prefix + module);
        var known = KnownBackEdges.Where(k => k.Module == module).Select(k => (k.From, k.To)).ToHashSet();

        var gone = known.Where(k => !uses.Any(u => (u.From, u.To) == k)).ToList();
        Assert.True(gone.Count == 0, $"{module}: no longer uses {string.Join(", ", gone.Select(k => $"{k.From} → {k.To}"))}: delete the entry from {nameof(KnownBackEdges)}");

        var checkedUses = uses.Where(u => !known.Contains((u.From, u.To))).ToList();
        var cycles = FolderGraph.FindCycles([.. checkedUses.Select(u => (u.From, u.To))]);
        Assert.True(cycles.Count == 0, $"{module} has folder cycles:\n" + string.Join("\n", cycles.Select(c => Explain(c, checkedUses))));
    }

    [Fact]
    public void FindCycles_SyntheticGraph_NamesTheCycleAndIgnoresTheRest()
    {
        // A → B → C → A is a cycle; D hangs off it; E → F is a plain chain.
        var cycles = FolderGraph.FindCycles([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"), ("E", "F")]);

        var cycle = Assert.Single(cycles);
        Assert.Equal(["A", "B", "C", "A"], cycle.Path);
        Assert.Equal(["A", "B", "C"], cycle.Folders.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FindCycles_GraphWithoutCycles_FindsNone()
    {
        Assert.Empty(FolderGraph.FindCycles([("A", "B"), ("B", "C"), ("A", "C")]));
    }

    [Fact]
    public void FolderOf_NestedNamespace_IsItsFirstSegmentAndRootAndPersistenceAreNoFolders()
    {
        Assert.Equal("Deadlines", FolderGraph.FolderOf("X.Cases.Deadlines.Rules", "X.Cases"));
        Assert.Null(FolderGraph.FolderOf("X.Cases.Persistence.Migrations", "X.Cases"));
        Assert.Null(FolderGraph.FolderOf("X.Cases", "X.Cases"));
        Assert.Null(FolderGraph.FolderOf("X.CasesMore.Y", "X.Cases"));
    }

    /// <summary>The cycle, then every use between the folders of its component (any of them may be the one to cut).</summary>
    private static string Explain(FolderGraph.Cycle cycle, IReadOnlyList<FolderGraph.Use> uses) =>
        string.Join(" → ", cycle.Path) + "; uses among these folders:\n" + string.Join("\n",
            uses.Where(u => cycle.Folders.Contains(u.From) && cycle.Folders.Contains(u.To)).Select(u => $"  {u.From} → {u.To}: {u.Example}"));
}

using System.Reflection;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>Dependencies point one way (docs/architecture.md): Web → {Realtime, Cases, Scheduling}; Realtime → Scheduling; Cases → Scheduling.</summary>
public sealed class ArchitectureTests
{
    private const string Prefix = "DaoVien.OnlineReception.";

    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "Scheduling", [] },
        { "Cases", ["Scheduling"] },
        { "Realtime", ["Scheduling"] },
        { "Web", ["Scheduling", "Cases", "Realtime"] },
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Module_References_OnlyAllowedModules(string module, string[] allowed)
    {
        var assembly = Assembly.Load(Prefix + module);
        var referenced = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .ToList();

        Assert.Empty(referenced.Except(allowed));
    }

    [Fact]
    public void Modules_DoNotExposePersistenceTypes()
    {
        // A module's public surface is its contracts: DbContexts and entities stay internal.
        foreach (var module in new[] { "Scheduling", "Cases", "Realtime" })
        {
            var leaked = Assembly.Load(Prefix + module).GetExportedTypes()
                .Where(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.DbContext)))
                .Select(t => t.FullName);
            Assert.Empty(leaked);
        }
    }
}

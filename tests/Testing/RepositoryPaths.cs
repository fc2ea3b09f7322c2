namespace DaoVien.OnlineReception.Testing;

/// <summary>Finds the repository from a test's output folder (for tests that run the built app as a process).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string WebContentRoot => Path.Combine(Root, "src", "Web");

    /// <summary>The app's entry assembly as built beside the tests.</summary>
    public static string WebAssembly => Path.Combine(AppContext.BaseDirectory, "DaoVien.OnlineReception.Web.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DaoVien.OnlineReception.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DaoVien.OnlineReception.sln not found above " + AppContext.BaseDirectory);
    }
}

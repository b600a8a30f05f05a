namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>Where the repository is checked out: tests read the published contract and run scripts from it.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationGovernance.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (IntegrationGovernance.sln) above " + AppContext.BaseDirectory);
    }
}

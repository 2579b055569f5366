namespace KyodoBot.IntegrationTests.Fakes;

public static class RepoPaths
{
    /// <summary>The checkout's root (the folder holding KyodoBot.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of these tests (Debug, Release).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The bot built in the same configuration as these tests.</summary>
    public static string BotAssembly => Path.Combine(Root, "src", "KyodoBot", "bin", Configuration, "net10.0", "KyodoBot.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KyodoBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KyodoBot.sln not found above " + AppContext.BaseDirectory);
    }
}

namespace KyodoBot.Core.Hosting;

/// <summary>
/// Where the data folders (<c>cards/</c>, <c>dialogs/</c>, <c>knowledge/</c>, <c>calendar/</c>, <c>appPackage/</c>) are read from.
/// <c>Kyodo:ContentRoot</c> wins when set. Otherwise, in a source checkout (an ancestor of the binary holds
/// <c>KyodoBot.sln</c>) the checkout's folders are used, so edits are live; in a published build, the copies next to
/// the binary.
/// </summary>
public sealed class ContentPaths
{
    public ContentPaths(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }
    public string Cards => Path.Combine(Root, "cards");
    public string Dialogs => Path.Combine(Root, "dialogs");
    public string Knowledge => Path.Combine(Root, "knowledge");
    public string Calendar => Path.Combine(Root, "calendar");
    public string AppPackage => Path.Combine(Root, "appPackage");

    public static ContentPaths Resolve(string? configuredRoot, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredRoot))
        {
            return new ContentPaths(configuredRoot);
        }

        return new ContentPaths(FindCheckout(baseDirectory) ?? baseDirectory);
    }

    /// <summary>The source checkout holding <paramref name="baseDirectory"/> (its <c>KyodoBot.sln</c> folder), if any.</summary>
    public static string? FindCheckout(string baseDirectory)
    {
        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KyodoBot.sln")) && Directory.Exists(Path.Combine(dir.FullName, "cards")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

using KyodoBot.Core.Hosting;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// <c>Knowledge:FeatureCacheFolder</c>: where the phrasings' analysed features are kept between processes
/// (<see cref="PhrasingFeatureCache"/>, docs/decisions/0080-phrasing-features-on-disk.md). Default <c>data/cache</c>
/// under the content root (beside the default SQLite database); a relative path is under the content root; <c>off</c>
/// keeps them in memory only. Text on purpose (ADR 0022): <see cref="Resolve"/> names the key when the value is no path.
/// </summary>
public sealed class KnowledgeCacheSettings
{
    public const string Section = "Knowledge";
    public const string Key = Section + ":" + nameof(FeatureCacheFolder);
    public const string Default = "data/cache";
    public const string Off = "off";

    public string? FeatureCacheFolder { get; set; }

    /// <summary>The folder (absolute), or null when the cache is off.</summary>
    public string? Resolve(string contentRoot)
    {
        var text = string.IsNullOrWhiteSpace(FeatureCacheFolder) ? Default : FeatureCacheFolder.Trim();
        if (string.Equals(text, Off, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string full;
        try
        {
            full = Path.GetFullPath(text, contentRoot);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new KyodoConfigurationException($"Configuration key '{Key}' has the value '{FeatureCacheFolder}', which is not a folder path ({ex.Message}); give a folder, or '{Off}'.", ex);
        }

        return File.Exists(full)
            ? throw new KyodoConfigurationException($"Configuration key '{Key}' names '{full}', which is a file; give a folder, or '{Off}'.")
            : full;
    }
}

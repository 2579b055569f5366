using System.Globalization;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge.Documents;

namespace KyodoBot.Core.Knowledge.Uploads;

/// <summary>
/// Limits of the admins' upload: <c>Knowledge:MaxUploadBytes</c> (default 20 MB, at most the readers' 50 MB),
/// <c>Knowledge:UploadTimeoutSeconds</c> for the download (default 60), <c>Knowledge:UploadExpiryDays</c> (default 14)
/// after which an undecided preview expires, and <c>Knowledge:UploadRetentionDays</c> (default 30) after which a
/// decided upload's record is deleted. Bound as <see cref="KnowledgeUploadSettings"/> and checked at start-up: a bad
/// value stops start-up naming the key (exit code 2).
/// </summary>
public sealed record KnowledgeUploadOptions(long MaxBytes, TimeSpan DownloadTimeout)
{
    public const string Section = "Knowledge";
    public const string MaxBytesKey = Section + ":" + nameof(KnowledgeUploadSettings.MaxUploadBytes);
    public const string TimeoutKey = Section + ":" + nameof(KnowledgeUploadSettings.UploadTimeoutSeconds);
    public const string ExpiryKey = Section + ":" + nameof(KnowledgeUploadSettings.UploadExpiryDays);
    public const string RetentionKey = Section + ":" + nameof(KnowledgeUploadSettings.UploadRetentionDays);
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    public TimeSpan Expiry { get; init; } = TimeSpan.FromDays(14);

    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    public static KnowledgeUploadOptions Parse(string? maxBytes, string? timeoutSeconds, string? expiryDays = null, string? retentionDays = null)
    {
        var max = DefaultMaxBytes;
        if (!string.IsNullOrWhiteSpace(maxBytes)
            && (!long.TryParse(maxBytes.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < 1 || max > KnowledgeDocuments.MaxFileBytes))
        {
            throw new KyodoConfigurationException(
                $"Configuration key '{MaxBytesKey}' has the value '{maxBytes}'; use a whole number of bytes from 1 to {KnowledgeDocuments.MaxFileBytes} (default {DefaultMaxBytes}).");
        }

        var seconds = ConfigurationNumbers.Whole(timeoutSeconds, TimeoutKey, 60, 1, 600, "seconds");

        return new KnowledgeUploadOptions(max, TimeSpan.FromSeconds(seconds))
        {
            Expiry = TimeSpan.FromDays(ConfigurationNumbers.Whole(expiryDays, ExpiryKey, 14, 1, 365, "days")),
            Retention = TimeSpan.FromDays(ConfigurationNumbers.Whole(retentionDays, RetentionKey, 30, 1, 3650, "days")),
        };
    }
}

namespace KyodoBot.Core.Knowledge.Uploads;

/// <summary>
/// The upload keys of the <c>Knowledge</c> section as written, bound by <c>BindConfiguration</c>. Text on purpose (ADR
/// 0022): <see cref="KnowledgeUploadOptions.Parse"/> says which key is wrong and what it takes, where the binder would
/// only report a failed conversion.
/// </summary>
public sealed class KnowledgeUploadSettings
{
    public string? MaxUploadBytes { get; set; }

    public string? UploadTimeoutSeconds { get; set; }

    public string? UploadExpiryDays { get; set; }

    public string? UploadRetentionDays { get; set; }

    public KnowledgeUploadOptions ToOptions() => KnowledgeUploadOptions.Parse(MaxUploadBytes, UploadTimeoutSeconds, UploadExpiryDays, UploadRetentionDays);
}

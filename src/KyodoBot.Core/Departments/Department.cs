namespace KyodoBot.Core.Departments;

/// <summary>A department (所管課) and the Teams channel that receives its cards.</summary>
public sealed class Department
{
    public int Id { get; set; }
    /// <summary>The name as shown (NFKC-normalised, trimmed).</summary>
    public required string Name { get; set; }
    /// <summary>Lower-cased <see cref="Name"/>; unique.</summary>
    public required string NameKey { get; set; }
    public required string ChannelId { get; set; }
    public string? ChannelName { get; set; }
    public string? TeamId { get; set; }
    public string? TeamName { get; set; }
    public string? RegisteredBy { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    /// <summary>Teams refused a post (403: the bot was removed from the team). Cards wait until the channel registers again.</summary>
    public bool Inactive { get; set; }
    public DateTimeOffset? InactiveSince { get; set; }
    public string? InactiveReason { get; set; }
}

using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Storage;

/// <summary>
/// Everything needed to post into a conversation later (proactively): stored for every conversation the bot is
/// installed in or addressed in. For a channel the key is the channel's id, not a reply thread's.
/// </summary>
public sealed class ConversationRecord
{
    public required string ConversationId { get; set; }
    public required string ServiceUrl { get; set; }
    public string ChannelPlatform { get; set; } = "msteams";
    public string? TenantId { get; set; }
    public ConversationKind Kind { get; set; }
    public string? TeamId { get; set; }
    public string? TeamName { get; set; }
    public string? ChannelName { get; set; }
    public string? BotId { get; set; }
    public string? BotName { get; set; }
    /// <summary>For personal chats: the user the chat is with (so we can notify them later).</summary>
    public string? UserId { get; set; }
    public string? AadObjectId { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>When the welcome card was sent for the current installation (cleared on uninstall).</summary>
    public DateTimeOffset? WelcomedAt { get; set; }
    /// <summary>
    /// The language the conversation is in: set when the user's words show one, kept through turns whose words show
    /// none (a number, an e-mail address, a one-word command). Null until then (the city's default applies).
    /// </summary>
    public Language? Language { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

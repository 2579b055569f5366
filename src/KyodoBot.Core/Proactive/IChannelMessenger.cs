using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Proactive;

/// <summary>Where a proactively posted message landed, so it can be updated later. Persist it; never keep it in memory only.</summary>
public sealed record PostedMessage(string ConversationId, string ActivityId, string ServiceUrl, string? TenantId);

/// <summary>The department has no registered channel (or its channel's reference is unknown).</summary>
public sealed class DepartmentNotRegisteredException(string department)
    : Exception($"Department '{department}' has no registered Teams channel.")
{
    public string Department { get; } = department;
}

/// <summary>
/// The proactive port: Core asks for a message in a department's channel (as a new thread) or an update of a message it
/// posted before; the host implements it with the Bot Framework, from stored conversation references.
/// </summary>
public interface IChannelMessenger
{
    Task<PostedMessage> PostToDepartmentAsync(string department, OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// A new thread in a channel known from an earlier turn there, whatever department it holds (a department's move
    /// is announced in the channel it leaves and in the one asking). <see cref="DepartmentNotRegisteredException"/>
    /// (naming the channel id) when no reference to it is stored.
    /// </summary>
    Task<PostedMessage> PostToChannelAsync(string channelId, OutgoingMessage message, CancellationToken cancellationToken);

    Task UpdateAsync(PostedMessage posted, OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>Sends to a user's personal chat with the bot (known from an earlier turn there).</summary>
    Task<PostedMessage> SendToUserAsync(string userId, OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>The user never talked to the bot in a personal chat, so there is no reference to reach them.</summary>
public sealed class UserNotReachableException(string userId)
    : Exception($"No personal conversation with user '{userId}' is stored.")
{
    public string UserId { get; } = userId;
}

/// <summary>
/// Teams refused the post with 403: the bot is no longer a member of the team (or was blocked). Retrying will not help
/// until someone adds the bot again and registers the channel.
/// </summary>
public sealed class ChannelForbiddenException(string department, Exception inner)
    : Exception($"Teams refused posting to the channel of '{department}' (403).", inner)
{
    public string Department { get; } = department;
}

using KyodoBot.Core.Access;
using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Departments;

/// <summary>
/// Who may change a department's data (its evaluations and schedule, a move of its registration): the admins, and the
/// members of the channel it is registered to, from that channel. Nobody else — not a personal chat, not another
/// channel, and, for a department without a channel, only the admins.
/// </summary>
public sealed class DepartmentAccess(DepartmentRegistry registry, AdminPolicy admins)
{
    /// <summary>Record, postpone or reschedule the department's evaluations; the ids in card data only say which.</summary>
    public async Task<bool> MayActForAsync(IncomingTurn turn, string department, CancellationToken cancellationToken) =>
        admins.IsAdmin(turn)
        || (turn.Kind == ConversationKind.Channel && await registry.FindAsync(department, cancellationToken) is { } registered
            && InChannel(turn, registered.ChannelId));

    /// <summary>The turn comes from that channel: the channel id Teams sent with the turn, never card data.</summary>
    public static bool InChannel(IncomingTurn turn, string channelId) =>
        turn.Kind == ConversationKind.Channel && !string.IsNullOrEmpty(turn.ChannelId) && turn.ChannelId == channelId;
}

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
    public async Task<bool> MayActForAsync(IncomingTurn turn, string department, CancellationToken cancellationToken) =>
        admins.IsAdmin(turn)
        || (IsChannelTurn(turn) && await registry.FindAsync(department, cancellationToken) is { } registered && registered.ChannelId == turn.ChannelId);

    /// <summary>The turn comes from <paramref name="department"/>'s channel (the channel id Teams sent, never card data).</summary>
    public static bool InChannelOf(IncomingTurn turn, Department department) =>
        IsChannelTurn(turn) && turn.ChannelId == department.ChannelId;

    private static bool IsChannelTurn(IncomingTurn turn) => turn.Kind == ConversationKind.Channel && !string.IsNullOrEmpty(turn.ChannelId);
}

using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Access;

/// <summary>
/// Personal messages to the admins (<c>Kyodo:Admins</c>) — for what needs a person: a proposal nobody can receive, a
/// channel Teams refuses, an overdue evaluation. An admin who never opened a personal chat with the bot is skipped
/// with a warning in the log. Never throws: telling the admins must not undo the work that prompted it.
/// </summary>
public sealed class AdminNotifier(
    AdminPolicy admins,
    IConversationStore conversations,
    IChannelMessenger messenger,
    ILogger<AdminNotifier> logger)
{
    public async Task<int> TellAsync(string text, CancellationToken cancellationToken)
    {
        var told = 0;
        foreach (var admin in admins.Admins)
        {
            if (await conversations.FindPersonalChatByAadObjectIdAsync(admin, cancellationToken) is not { } chat || chat.UserId is null)
            {
                logger.LogWarning("Admin {Admin} has no personal chat with the bot; cannot tell them: {Text}", admin, text);
                continue;
            }

            try
            {
                await messenger.SendToUserAsync(chat.UserId, OutgoingMessage.FromText(text), cancellationToken);
                told++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not tell admin {Admin}: {Text}", admin, text);
            }
        }

        return told;
    }
}

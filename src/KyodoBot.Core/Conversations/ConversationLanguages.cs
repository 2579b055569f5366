using KyodoBot.Core.Storage;

namespace KyodoBot.Core.Conversations;

/// <summary>
/// The language a conversation is in, kept in its <see cref="ConversationRecord"/>: the user's words decide when they
/// show a language (<see cref="LanguageResolver.FromText"/>) and are remembered; a turn whose words show none (a
/// number, a date, an e-mail address, 「2」, <c>help</c>) is in the language the conversation already has, else the
/// city's <c>Kyodo:DefaultLanguage</c>. So a Japanese conversation stays Japanese across turns and restarts
/// (docs/decisions/0004-reply-language.md).
/// </summary>
public sealed class ConversationLanguages(IConversationStore conversations, DefaultLanguage fallback)
{
    public async Task<Language> ResolveAsync(IncomingTurn turn, CancellationToken cancellationToken)
    {
        var key = Key(turn);
        if (key.Length == 0)
        {
            return LanguageResolver.Resolve(turn.Text, fallback.Value);
        }

        var stored = (await conversations.FindAsync(key, cancellationToken))?.Language;
        if (LanguageResolver.FromText(turn.Text) is not { } written)
        {
            return stored ?? fallback.Value;
        }

        if (written != stored)
        {
            await conversations.SetLanguageAsync(key, written, cancellationToken);
        }

        return written;
    }

    /// <summary>The conversation record's key: a channel's id for its threads, else the conversation id.</summary>
    private static string Key(IncomingTurn turn) =>
        turn.Kind == ConversationKind.Channel && !string.IsNullOrEmpty(turn.ChannelId) ? turn.ChannelId : turn.ConversationId;
}

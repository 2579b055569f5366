using System.Collections.Concurrent;
using KyodoBot.Core.Storage;

namespace KyodoBot.Core.Conversations;

/// <summary>
/// The language a conversation is in, kept in its <see cref="ConversationRecord"/>: the user's words decide when they
/// show a language (<see cref="LanguageResolver.FromText"/>) and are remembered; a turn whose words show none (a
/// number, a date, an e-mail address, 「2」, <c>help</c>) is in the language the conversation already has, else the
/// city's <c>Kyodo:DefaultLanguage</c>. So a Japanese conversation stays Japanese across turns and restarts
/// (docs/decisions/0004-reply-language.md). What was read or written is remembered in memory for
/// <see cref="Remembered"/>, so a turn costs no database read (a `ヘルプ` turn ran at 0.64× the echo bot with one);
/// with several instances, a language switched on another instance is seen here within that time.
/// </summary>
public sealed class ConversationLanguages(IConversationStore conversations, DefaultLanguage fallback, TimeProvider time)
{
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(5);

    /// <summary>Conversations remembered at most; past it the memory starts again (each costs one read).</summary>
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, (Language? Language, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    public async Task<Language> ResolveAsync(IncomingTurn turn, CancellationToken cancellationToken)
    {
        var key = Key(turn);
        if (key.Length == 0)
        {
            return LanguageResolver.Resolve(turn.Text, fallback.Value);
        }

        var stored = await StoredAsync(key, cancellationToken);
        if (LanguageResolver.FromText(turn.Text) is not { } written)
        {
            return stored ?? fallback.Value;
        }

        if (written != stored)
        {
            await conversations.SetLanguageAsync(key, written, cancellationToken);
            Remember(key, written);
        }

        return written;
    }

    /// <summary>
    /// The language of the install greeting, which carries no words: the conversation's own when it has one (the bot
    /// added again to a chat or team whose people already wrote), else the city's <c>Kyodo:DefaultLanguage</c>. Not
    /// the client's locale (ADR 0004: English Teams clients are common among Japanese staff).
    /// </summary>
    public async Task<Language> GreetingAsync(IncomingTurn turn, CancellationToken cancellationToken)
    {
        var key = Key(turn);
        return (key.Length == 0 ? null : await StoredAsync(key, cancellationToken)) ?? fallback.Value;
    }

    private async Task<Language?> StoredAsync(string key, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(key, out var known) && known.Until > time.GetUtcNow())
        {
            return known.Language;
        }

        var stored = (await conversations.FindAsync(key, cancellationToken))?.Language;
        Remember(key, stored);
        return stored;
    }

    private void Remember(string key, Language? language)
    {
        if (_known.Count >= MaxRemembered)
        {
            _known.Clear();
        }

        _known[key] = (language, time.GetUtcNow() + Remembered);
    }

    /// <summary>The conversation record's key: a channel's id for its threads, else the conversation id.</summary>
    private static string Key(IncomingTurn turn) =>
        turn.Kind == ConversationKind.Channel && !string.IsNullOrEmpty(turn.ChannelId) ? turn.ChannelId : turn.ConversationId;
}

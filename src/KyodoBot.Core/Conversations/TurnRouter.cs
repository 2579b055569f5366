using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Text;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Conversations;

/// <summary>
/// Decides what a turn is: a command (by its leading keyword, or a card button's <c>command</c> value) or anything
/// else, which goes to the fallback handler.
/// </summary>
public sealed class TurnRouter
{
    /// <summary>Longer input is cut here before anything reads it.</summary>
    public const int MaxTextLength = 10_000;

    private readonly IReadOnlyList<(string Keyword, ICommand Command)> _keywords;
    private readonly IReadOnlyDictionary<string, ICardAction> _cardActions;
    private readonly IReadOnlyDictionary<string, ICardExecute> _executes;
    private readonly IFallbackHandler _fallback;
    private readonly IReadOnlyList<IActiveDialog> _dialogs;
    private readonly ILogger<TurnRouter> _logger;
    private readonly ConversationLanguages _languages;
    private readonly IFileUploadHandler? _files;

    public TurnRouter(
        IEnumerable<ICommand> commands,
        IEnumerable<ICardAction> cardActions,
        IEnumerable<ICardExecute> executes,
        IEnumerable<IActiveDialog> dialogs,
        IFallbackHandler fallback,
        ConversationLanguages languages,
        ILogger<TurnRouter> logger,
        IEnumerable<IFileUploadHandler>? files = null)
    {
        _files = files?.LastOrDefault();
        _languages = languages;
        _dialogs = dialogs.ToList();
        _executes = executes.ToDictionary(e => e.Verb, StringComparer.Ordinal);
        _cardActions = cardActions.ToDictionary(a => a.Name, StringComparer.Ordinal);
        // Longest keyword first, so that 登録解除 wins over 登録.
        _keywords = commands
            .SelectMany(c => c.Keywords.Select(k => (Keyword: TextNormalizer.Key(k), Command: c)))
            .OrderByDescending(k => k.Keyword.Length)
            .ToList();
        _fallback = fallback;
        _logger = logger;
    }

    public async Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, CancellationToken cancellationToken)
    {
        turn = await WithLanguageAsync(turn, turn.Value, cancellationToken);
        if (turn.Files.Count > 0 && _files is not null)
        {
            _logger.LogInformation("{Count} file(s) in {ConversationKind} conversation", turn.Files.Count, turn.Kind);
            return await _files.HandleAsync(turn, turn.Files, cancellationToken);
        }

        if (CardAction(turn.Value) is { } action)
        {
            if (_cardActions.TryGetValue(action, out var handler))
            {
                _logger.LogInformation("Card action {Action} in {ConversationKind} conversation", action, turn.Kind);
                return await handler.HandleAsync(turn, turn.Value!.Value, cancellationToken);
            }

            _logger.LogWarning("Unknown card action {Action}", action);
        }

        var text = TextNormalizer.Normalize(turn.Text.Length > MaxTextLength ? turn.Text[..MaxTextLength] : turn.Text);
        if (text.Length == 0 && CommandFromCard(turn.Value) is { } cardCommand)
        {
            text = TextNormalizer.Normalize(cardCommand);
        }

        foreach (var dialog in _dialogs)
        {
            if (await dialog.TryContinueAsync(turn, text, cancellationToken) is { } replies)
            {
                return replies;
            }
        }

        if (Match(text) is { } match)
        {
            _logger.LogInformation("Command {Command} in {ConversationKind} conversation", match.Command.GetType().Name, turn.Kind);
            return await match.Command.ExecuteAsync(new CommandContext(turn, match.Argument), cancellationToken);
        }

        return await _fallback.HandleAsync(turn, text, cancellationToken);
    }

    /// <summary>An <c>Action.Execute</c> press: the verb's handler says which card replaces the clicked one.</summary>
    public async Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, string verb, JsonElement data, CancellationToken cancellationToken)
    {
        turn = await WithLanguageAsync(turn, data, cancellationToken);
        if (!_executes.TryGetValue(verb, out var handler))
        {
            _logger.LogWarning("Unknown card verb {Verb}", verb);
            return new CardExecuteResult(null);
        }

        _logger.LogInformation("Card verb {Verb} in {ConversationKind} conversation", verb, turn.Kind);
        return await handler.ExecuteAsync(turn, data, cancellationToken);
    }

    /// <summary>
    /// The conversation's language (kept per conversation); a button answers in the language of the card it sits on
    /// (a press carries no text to judge by), but <see cref="IncomingTurn.ConversationLanguage"/> stays the conversation's.
    /// </summary>
    private async Task<IncomingTurn> WithLanguageAsync(IncomingTurn turn, JsonElement? cardData, CancellationToken cancellationToken)
    {
        var conversation = await _languages.ResolveAsync(turn, cancellationToken);
        return turn with { Language = CardLanguage.FromCardData(cardData) ?? conversation, ConversationLanguage = conversation };
    }

    private (ICommand Command, string Argument)? Match(string text)
    {
        var key = text.ToLowerInvariant();
        foreach (var (keyword, command) in _keywords)
        {
            if (key.StartsWith(keyword, StringComparison.Ordinal)
                && (key.Length == keyword.Length || key[keyword.Length] == ' '))
            {
                return (command, text[keyword.Length..].Trim());
            }
        }

        return null;
    }

    private static string? CardAction(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String
            ? a.GetString()
            : null;

    private static string? CommandFromCard(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()
            : null;
}

using System.Text.Json;
using KyodoBot.Core.Access;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Text;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Ask;

/// <summary>
/// The button of <c>未回答一覧</c> (<c>{"action":"addPhrasing","question":…,"section":…,"notify":bool}</c>): an admin adds
/// the question as an alternate phrasing of the suggested section (written into the section's side file
/// <c>&lt;file&gt;.questions.yaml</c>, answered at once), the question leaves the list, and, when asked to, the people
/// who asked it are told in their personal chat with the answer the bot now gives. Pressing it twice adds nothing and
/// tells nobody twice. The other button of the list is <see cref="NotInManualAction"/>.
/// </summary>
public sealed class AddPhrasingAction(
    KnowledgePhrasings phrasings,
    IKnowledgeAnswerer answerer,
    QuestionLog log,
    IChannelMessenger messenger,
    AdminPolicy admins,
    Texts texts,
    ILogger<AddPhrasingAction> logger) : ICardAction
{
    public const int MaxNotified = 20;

    public string Name => "addPhrasing";

    public async Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (!admins.IsAdmin(turn))
        {
            return [OutgoingMessage.FromText(texts.Get(language, "phrasing.notAdmin"))];
        }

        var question = CardData.String(data, "question") is { Length: > 0 and <= 1000 } q ? q : null;
        var sectionId = CardData.String(data, "section") is { Length: > 0 and <= 200 } s ? s : null;
        if (question is null || sectionId is null)
        {
            return [OutgoingMessage.FromText(texts.Get(language, "phrasing.invalid"))];
        }

        var outcome = await phrasings.AddAsync(sectionId, question, cancellationToken);
        var phrasing = Markdown.Escape(KnowledgePhrasings.Clean(question) ?? "");
        var section = answerer.Show(sectionId, language);
        var title = Markdown.Escape(section?.Citations.FirstOrDefault()?.Title ?? sectionId);
        switch (outcome)
        {
            case PhrasingOutcome.UnknownSection:
                return [OutgoingMessage.FromText(texts.Get(language, "ask.sectionUnknown"))];
            case PhrasingOutcome.Invalid:
                return [OutgoingMessage.FromText(texts.Get(language, "phrasing.invalid"))];
            case PhrasingOutcome.FileInvalid:
                return [OutgoingMessage.FromText(texts.Get(language, "phrasing.fileInvalid", title))];
            case PhrasingOutcome.AlreadyThere:
                await log.DecideAsync(question, DecisionKind.Phrasing, sectionId, turn.AadObjectId ?? turn.UserId, cancellationToken);
                return [OutgoingMessage.FromText(texts.Get(language, "phrasing.already", phrasing, title))];
        }

        await log.DecideAsync(question, DecisionKind.Phrasing, sectionId, turn.AadObjectId ?? turn.UserId, cancellationToken);

        var told = data.TryGetProperty("notify", out var notify) && notify.ValueKind == JsonValueKind.True
            ? await TellAskersAsync(question, cancellationToken)
            : 0;
        return [OutgoingMessage.FromText(texts.Get(language, "phrasing.added", phrasing, title, told))];
    }

    /// <summary>Sends each asker the answer the bot now gives to their question, in their language.</summary>
    private async Task<int> TellAskersAsync(string question, CancellationToken cancellationToken)
    {
        var told = 0;
        foreach (var userId in await log.AskersAsync(question, MaxNotified, cancellationToken))
        {
            var language = LanguageResolver.Resolve(question, Language.Japanese);
            var answer = answerer.Ask(question, language);
            if (!answer.Answered)
            {
                break; // the phrasing did not make the question answerable (another section wins): say nothing
            }

            var text = texts.Get(language, "phrasing.notify", Markdown.Escape(KnowledgePhrasings.Clean(question) ?? question))
                + "\n\n" + Markdown.Escape(answer.Text)
                + string.Concat(answer.Citations.Select(c => "\n\n" + texts.Get(language, "phrasing.source", Markdown.Escape(c.Title))));
            try
            {
                await messenger.SendToUserAsync(userId, OutgoingMessage.FromText(text), cancellationToken);
                told++;
            }
            catch (Exception ex) when (ex is UserNotReachableException or HttpRequestException or ChannelForbiddenException)
            {
                logger.LogWarning(ex, "Could not tell a user that their question is now answered");
            }
        }

        return told;
    }
}

using System.Text.Json;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Ask;

/// <summary>
/// 「どれにも当てはまらない」 under a clarifying question (<c>{"action":"askBackNone","asked":…}</c>, <see cref="AskBack"/>):
/// the asker says no principle fits. Nothing is stored — the question is already recorded as unanswered and stays in
/// 未回答一覧 without a pick — and the reply says where to ask instead. A click that is not the asker's on their own
/// unanswered question (someone else's card in a group chat, a stale or forged activity id) is told so and changes nothing.
/// </summary>
public sealed class AskBackNoneAction(QuestionLog log, Texts texts) : ICardAction
{
    public string Name => "askBackNone";

    public async Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken)
    {
        var own = CardData.String(data, "asked") is { Length: > 0 and <= 256 } asked
            && await log.IsOwnUnansweredAsync(asked, turn.UserId, cancellationToken);
        return [OutgoingMessage.FromText(texts.Get(turn.Language, own ? "ask.askBackNoneReply" : "ask.askBackNotYours"))];
    }
}

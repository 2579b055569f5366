using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Conversations;

/// <summary>Until a feature claims free text: say so and point to help. An empty message gets the same.</summary>
public sealed class NotUnderstoodFallback(Texts texts) : IFallbackHandler
{
    public Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, string text, CancellationToken cancellationToken)
    {
        var key = text.Length == 0 ? "fallback.empty" : "fallback.notUnderstood";
        return Task.FromResult<IReadOnlyList<OutgoingMessage>>([new OutgoingMessage
        {
            Text = texts.Get(turn.Language, key),
            SuggestedActions = [new SuggestedAction(texts.Get(turn.Language, "command.help"), texts.Get(turn.Language, "command.help"))],
        }]);
    }
}

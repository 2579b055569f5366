using System.Text.Json;

namespace KyodoBot.Core.Conversations;

/// <summary>
/// A button on one of our cards (Action.Submit data <c>{"action": Name, …}</c>). The router dispatches by
/// <see cref="Name"/>; the data is what the card sent, never trusted: every handler validates it.
/// </summary>
public interface ICardAction
{
    string Name { get; }

    Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken);
}

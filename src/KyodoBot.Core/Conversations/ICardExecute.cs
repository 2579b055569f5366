using System.Text.Json;

namespace KyodoBot.Core.Conversations;

/// <summary>
/// An <c>Action.Execute</c> on one of our cards (Teams sends it as an <c>adaptiveCard/action</c> invoke). The handler
/// returns the card that replaces the one clicked on; <see cref="Verb"/> selects it. Data is client-side input:
/// validate everything.
/// </summary>
public interface ICardExecute
{
    string Verb { get; }

    Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, JsonElement data, CancellationToken cancellationToken);
}

/// <summary>
/// The card to show in place of the clicked one (null: leave it), an optional message for the clicker, and any further
/// replies the press produced (a dialog step, a confirmation).
/// </summary>
public sealed record CardExecuteResult(string? CardJson, string? Message = null)
{
    public IReadOnlyList<OutgoingMessage> Replies { get; init; } = [];
}

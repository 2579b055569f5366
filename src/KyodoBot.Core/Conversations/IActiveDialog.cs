namespace KyodoBot.Core.Conversations;

/// <summary>
/// A conversation the user is in the middle of (the proposal intake). When one is active for the user and
/// conversation, it sees the turn before the command table does — its own ヘルプ, 戻る, キャンセル take precedence.
/// </summary>
public interface IActiveDialog
{
    /// <summary>The replies when a dialog took the turn; null when none is active.</summary>
    Task<IReadOnlyList<OutgoingMessage>?> TryContinueAsync(IncomingTurn turn, string text, CancellationToken cancellationToken);
}

namespace KyodoBot.Bot.Throttling;

/// <summary>Which connector calls go first when Teams' limits make them queue.</summary>
public enum ConnectorPriority
{
    /// <summary>A reply within a user's turn: someone is looking at the chat, and Teams gives up on a turn after ~15 s.</summary>
    Reply,

    /// <summary>Everything else: reminder cards, card updates, proactive messages.</summary>
    Background,
}

/// <summary>
/// The priority of the connector calls made in the current asynchronous flow. The adapter opens a reply scope for each
/// incoming turn; code outside a turn (the reminder sweep, CLI verbs) runs at <see cref="ConnectorPriority.Background"/>.
/// An ambient value because the SDK builds the connector requests itself, with no place to carry it.
/// </summary>
public static class ConnectorCallScope
{
    private static readonly AsyncLocal<ConnectorPriority?> Current = new();

    public static ConnectorPriority Priority => Current.Value ?? ConnectorPriority.Background;

    /// <summary>Until disposed, calls from this flow (and the tasks it starts) go as <paramref name="priority"/>.</summary>
    public static IDisposable Begin(ConnectorPriority priority)
    {
        var previous = Current.Value;
        Current.Value = priority;
        return new Restore(previous);
    }

    private sealed class Restore(ConnectorPriority? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

namespace KyodoBot.Core.Conversations;

/// <summary>A button under a message; <see cref="Value"/> is sent back as the user's text when pressed.</summary>
public sealed record SuggestedAction(string Title, string Value);

/// <summary>A reply as Core produces it: text (Markdown written by us, never user text), an Adaptive Card, or both.</summary>
public sealed record OutgoingMessage
{
    public string? Text { get; init; }
    /// <summary>Adaptive Card JSON (schema 1.5), already bound.</summary>
    public string? CardJson { get; init; }
    public IReadOnlyList<SuggestedAction> SuggestedActions { get; init; } = [];

    public static OutgoingMessage FromText(string text) => new() { Text = text };
    public static OutgoingMessage FromCard(string cardJson) => new() { CardJson = cardJson };
}

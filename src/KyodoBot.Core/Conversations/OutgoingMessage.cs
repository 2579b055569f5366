namespace KyodoBot.Core.Conversations;

/// <summary>A button under a message; <see cref="Value"/> is sent back as the user's text when pressed.</summary>
public sealed record SuggestedAction(string Title, string Value);

/// <summary>
/// A numbered source the message text refers to as [n] (Teams shows it as a citation; a click opens
/// <see cref="SectionText"/> when there is one).
/// </summary>
public sealed record MessageCitation(int Position, string Title, string Excerpt)
{
    public string? SectionText { get; init; }
}

/// <summary>A reply as Core produces it: text, an Adaptive Card, or both.</summary>
public sealed record OutgoingMessage
{
    /// <summary>Markdown we wrote, with any user text escaped; or plain text when <see cref="PlainText"/>.</summary>
    public string? Text { get; init; }
    /// <summary>The text is shown as is, never interpreted as Markdown (quotes, model output).</summary>
    public bool PlainText { get; init; }
    /// <summary>Adaptive Card JSON (schema 1.5), already bound.</summary>
    public string? CardJson { get; init; }
    public IReadOnlyList<SuggestedAction> SuggestedActions { get; init; } = [];
    public IReadOnlyList<MessageCitation> Citations { get; init; } = [];
    /// <summary>Written by a language model: Teams labels it "AI generated".</summary>
    public bool AiGenerated { get; init; }

    public static OutgoingMessage FromText(string text) => new() { Text = text };
    public static OutgoingMessage FromCard(string cardJson) => new() { CardJson = cardJson };
}

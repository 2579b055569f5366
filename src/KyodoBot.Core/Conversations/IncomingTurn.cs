using System.Text.Json;

namespace KyodoBot.Core.Conversations;

/// <summary>Where a turn happens, in Teams' terms but without Bot Framework types.</summary>
public enum ConversationKind
{
    Personal,
    GroupChat,
    Channel,
}

/// <summary>One user turn as Core sees it: the text (mention already stripped), submitted card values, who and where.</summary>
public sealed record IncomingTurn
{
    public required string ActivityId { get; init; }
    public string Text { get; init; } = "";
    /// <summary>Values submitted from a card (Action.Submit / Action.Execute), if any.</summary>
    public JsonElement? Value { get; init; }
    public required string UserId { get; init; }
    public string? UserName { get; init; }
    /// <summary>The user's Entra object id (what <c>Kyodo:Admins</c> lists).</summary>
    public string? AadObjectId { get; init; }
    public required string ConversationId { get; init; }
    public ConversationKind Kind { get; init; } = ConversationKind.Personal;
    public string? TenantId { get; init; }
    public string? TeamId { get; init; }
    public string? TeamName { get; init; }
    /// <summary>The Teams channel id (for channel conversations: the channel's conversation id without the thread part).</summary>
    public string? ChannelId { get; init; }
    public string? ChannelName { get; init; }
    /// <summary>The language to answer this turn in: the conversation's, or the language of the card a button sits on.</summary>
    public Language Language { get; init; } = Language.Japanese;
    /// <summary>
    /// The conversation's own language (the user's words, else what the conversation was in, else the city's), never
    /// taken from card data: for what a client must not choose, such as the card form (ADR 0004).
    /// </summary>
    public Language ConversationLanguage { get; init; } = Language.Japanese;
    /// <summary>Files sent with the message (Teams' file download info in a personal chat; empty otherwise).</summary>
    public IReadOnlyList<IncomingFile> Files { get; init; } = [];
}

/// <summary>
/// A file a user sent the bot in a personal chat: the name Teams shows, a short-lived pre-authenticated download URL,
/// the type Teams reports (the extension, e.g. "pdf"), and Teams' id for it. All client-side data: validate.
/// </summary>
public sealed record IncomingFile(string Name, string DownloadUrl, string? FileType, string? UniqueId);

/// <summary>
/// What takes a turn that carries files (the admins' knowledge upload); the router gives it such turns first, with
/// every file of the message.
/// </summary>
public interface IFileUploadHandler
{
    Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, IReadOnlyList<IncomingFile> files, CancellationToken cancellationToken);
}

using System.Net;
using System.Text.Json;
using System.Text;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace KyodoBot.Bot;

/// <summary>Translates between Bot Framework activities and Core's turn/message records. The only place that knows both.</summary>
public static class ActivityMapper
{
    /// <param name="defaultLanguage">The conversation's language when the user's words show none (Kyodo:DefaultLanguage).</param>
    public static IncomingTurn ToTurn(ITurnContext turnContext, Language defaultLanguage)
    {
        var activity = turnContext.Activity;
        var kind = KindOf(activity);
        var team = kind == ConversationKind.Channel ? activity.TeamsGetTeamInfo() : null;
        var channelData = kind == ConversationKind.Channel ? activity.GetChannelData<TeamsChannelData>() : null;
        return new IncomingTurn
        {
            ActivityId = activity.Id ?? activity.ReplyToId ?? Guid.NewGuid().ToString("N"),
            Text = CleanText(activity),
            Value = ToJsonElement(activity.Value),
            UserId = activity.From?.Id ?? "",
            UserName = activity.From?.Name,
            AadObjectId = activity.From?.AadObjectId,
            ConversationId = activity.Conversation?.Id ?? "",
            Kind = kind,
            TenantId = activity.Conversation?.TenantId ?? channelData?.Tenant?.Id,
            TeamId = team?.Id,
            TeamName = team?.Name,
            ChannelId = kind == ConversationKind.Channel ? ChannelIdOf(activity) : null,
            ChannelName = channelData?.Channel?.Name,
            // Not the client's locale: Teams in Japanese offices often runs in English (docs/decisions/0004).
            // Core refines both with the language the conversation is in (ConversationLanguages).
            Language = LanguageResolver.Resolve(activity.Text, defaultLanguage),
            ConversationLanguage = LanguageResolver.Resolve(activity.Text, defaultLanguage),
            Files = kind == ConversationKind.Personal ? FilesOf(activity) : [],
        };
    }

    /// <summary>
    /// The files of a personal-chat message: Teams sends each as an attachment of type
    /// <see cref="FileDownloadInfo.ContentType"/> whose content has the download URL (with <c>supportsFiles</c> in the manifest).
    /// </summary>
    private static IReadOnlyList<IncomingFile> FilesOf(Activity activity) =>
        activity.Attachments?
            .Where(a => a.ContentType == FileDownloadInfo.ContentType && a.Content is not null)
            .Select(a => (a.Name, Info: JObject.FromObject(a.Content)))
            .Where(f => f.Info.Value<string>("downloadUrl") is { Length: > 0 })
            .Select(f => new IncomingFile(f.Name ?? "", f.Info.Value<string>("downloadUrl")!, f.Info.Value<string>("fileType"), f.Info.Value<string>("uniqueId")))
            .ToList() ?? [];

    /// <summary>What must be stored to reach this conversation later; for a channel, the channel rather than the thread.</summary>
    public static ConversationRecord ToRecord(Activity activity)
    {
        var kind = KindOf(activity);
        var team = kind == ConversationKind.Channel ? activity.TeamsGetTeamInfo() : null;
        var channelData = activity.ChannelId == "msteams" ? activity.GetChannelData<TeamsChannelData>() : null;
        return new ConversationRecord
        {
            ConversationId = kind == ConversationKind.Channel ? ChannelIdOf(activity) : activity.Conversation.Id,
            ServiceUrl = activity.ServiceUrl,
            ChannelPlatform = activity.ChannelId ?? "msteams",
            TenantId = activity.Conversation.TenantId ?? channelData?.Tenant?.Id,
            Kind = kind,
            TeamId = team?.Id,
            TeamName = team?.Name,
            ChannelName = channelData?.Channel?.Name,
            BotId = activity.Recipient?.Id,
            BotName = activity.Recipient?.Name,
            UserId = kind == ConversationKind.Personal ? activity.From?.Id : null,
            AadObjectId = kind == ConversationKind.Personal ? activity.From?.AadObjectId : null,
        };
    }

    public static ConversationReference ToReference(ConversationRecord record, string conversationId) => new()
    {
        ChannelId = record.ChannelPlatform,
        ServiceUrl = record.ServiceUrl,
        Bot = new ChannelAccount(record.BotId, record.BotName),
        Conversation = new ConversationAccount(
            isGroup: record.Kind != ConversationKind.Personal,
            conversationType: record.Kind switch
            {
                ConversationKind.Channel => "channel",
                ConversationKind.GroupChat => "groupChat",
                _ => "personal",
            },
            id: conversationId,
            tenantId: record.TenantId),
    };

    public static Activity ToActivity(OutgoingMessage message)
    {
        var activity = MessageFactory.Text(message.Text);
        activity.TextFormat = message.PlainText ? TextFormatTypes.Plain : TextFormatTypes.Markdown;
        if (message.CardJson is not null)
        {
            activity.Attachments = [new Attachment
            {
                ContentType = "application/vnd.microsoft.card.adaptive",
                // Core hands over finished JSON: pass it through raw instead of parsing it into a JObject and back.
                Content = new JRaw(message.CardJson),
            }];
        }

        if (message.Citations.Count > 0 || message.AiGenerated)
        {
            activity.Entities = [CitationEntity(message)];
        }

        if (message.SuggestedActions.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions
            {
                Actions = message.SuggestedActions
                    .Select(a => new CardAction(ActionTypes.ImBack, title: a.Title, value: a.Value))
                    .ToList(),
            };
        }

        return activity;
    }

    /// <summary>Teams' AI-message entity: citations [n] in the text open the source; optionally the "AI generated" label.</summary>
    private static Entity CitationEntity(OutgoingMessage message)
    {
        var entity = new JObject
        {
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = "",
        };
        if (message.AiGenerated)
        {
            entity["additionalType"] = new JArray("AIGeneratedContent");
        }

        if (message.Citations.Count > 0)
        {
            entity["citation"] = new JArray(message.Citations.Select(c => new JObject
            {
                ["@type"] = "Claim",
                ["position"] = c.Position,
                ["appearance"] = Appearance(c),
            }));
        }

        return new Entity("https://schema.org/Message") { Properties = entity };
    }

    /// <summary>
    /// The citation's pop-up: name and abstract, and with the section's text an Adaptive Card (as a string, as Teams
    /// expects it) that Teams opens when the citation is clicked: the section title (document and page) and its text.
    /// </summary>
    private static JObject Appearance(MessageCitation citation)
    {
        var appearance = new JObject
        {
            ["@type"] = "DigitalDocument",
            ["name"] = citation.Title,
            // Teams shows at most 160 characters of the abstract.
            ["abstract"] = citation.Excerpt.Length > 160 ? citation.Excerpt[..159] + "…" : citation.Excerpt,
        };
        if (citation.SectionText is { Length: > 0 } text)
        {
            var card = new JObject
            {
                ["type"] = "AdaptiveCard",
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["version"] = "1.5",
                ["body"] = new JArray(
                    new JObject { ["type"] = "TextBlock", ["text"] = citation.Title, ["weight"] = "Bolder", ["wrap"] = true },
                    new JObject { ["type"] = "TextBlock", ["text"] = text.Length > MaxCitationText ? text[..MaxCitationText] + "…" : text, ["wrap"] = true }),
            };
            appearance["text"] = card.ToString(Newtonsoft.Json.Formatting.None);
            appearance["encodingFormat"] = "application/vnd.microsoft.card.adaptive";
        }

        return appearance;
    }

    /// <summary>The section text a citation pop-up carries at most (the message stays far below Teams' 28 KB).</summary>
    private const int MaxCitationText = 4000;

    public static ConversationKind KindOf(Activity activity) => activity.Conversation?.ConversationType switch
    {
        "channel" => ConversationKind.Channel,
        "groupChat" => ConversationKind.GroupChat,
        _ when activity.Conversation?.IsGroup == true => ConversationKind.GroupChat,
        _ => ConversationKind.Personal,
    };

    private static string ChannelIdOf(Activity activity)
    {
        var channelId = activity.TeamsGetChannelId();
        if (!string.IsNullOrEmpty(channelId))
        {
            return channelId;
        }

        // A reply thread's id is "<channel id>;messageid=<root>"; the channel is the part before.
        var id = activity.Conversation?.Id ?? "";
        var thread = id.IndexOf(";messageid=", StringComparison.Ordinal);
        return thread >= 0 ? id[..thread] : id;
    }

    /// <summary>The user's words: mentions of the bot removed, HTML (Teams sometimes sends it) reduced to text.</summary>
    /// <remarks>
    /// Linear in the size of the message: the mention entities are read once (not once per &lt;at&gt; tag — a message
    /// with thousands of tags and entities cost quadratic CPU), and tags are found by forward scans that never look at
    /// a character twice.
    /// </remarks>
    internal static string CleanText(Activity activity)
    {
        var text = activity.Text ?? "";
        if (text.Length == 0)
        {
            return "";
        }

        if (text.Contains(MentionOpen, StringComparison.Ordinal))
        {
            text = StripMentions(text, BotMentionTest(activity));
        }

        if (text.Contains('<', StringComparison.Ordinal) && text.Contains('>', StringComparison.Ordinal))
        {
            text = StripTags(text, " ");
        }

        return WebUtility.HtmlDecode(text).Trim();
    }

    private const string MentionOpen = "<at>";
    private const string MentionClose = "</at>";

    /// <summary>
    /// Which &lt;at&gt;…&lt;/at&gt; markup addresses the bot. Without mention entities every one does (only a channel
    /// message addressed to the bot carries &lt;at&gt;); with them, a markup is the bot's when an entity naming the bot
    /// has that text, or when no entity has it.
    /// </summary>
    private static Func<string, bool> BotMentionTest(Activity activity)
    {
        var mentions = activity.GetMentions();
        if (mentions.Length == 0)
        {
            return _ => true;
        }

        var bot = new HashSet<string>(StringComparer.Ordinal);
        var any = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mention in mentions)
        {
            if (mention.Text is not { } markup)
            {
                continue;
            }

            any.Add(markup);
            if (mention.Mentioned?.Id == activity.Recipient?.Id)
            {
                bot.Add(markup);
            }
        }

        return markup => bot.Contains(markup) || !any.Contains(markup);
    }

    /// <summary>
    /// Each &lt;at&gt;…&lt;/at&gt; (the nearest closing tag, as the lazy <c>&lt;at&gt;.*?&lt;/at&gt;</c>) becomes a space
    /// when it is the bot, else the name it contains. No closing tag after an opening one means none after any later.
    /// </summary>
    internal static string StripMentions(string text, Func<string, bool> isBotMention)
    {
        var result = new StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf(MentionOpen, position, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf(MentionClose, open + MentionOpen.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            var end = close + MentionClose.Length;
            var markup = text[open..end];
            result.Append(text, position, open - position).Append(isBotMention(markup) ? " " : StripTags(markup, ""));
            position = end;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>
    /// Every <c>&lt;[^&gt;]+&gt;</c> replaced by <paramref name="replacement"/>, in one forward pass: from a '&lt;' to the
    /// next '&gt;' (a '&lt;' with no '&gt;' after it means no tag starts there or anywhere later).
    /// </summary>
    internal static string StripTags(string text, string replacement)
    {
        var result = new StringBuilder(text.Length);
        var position = 0;
        var from = 0;
        while (from < text.Length)
        {
            var open = text.IndexOf('<', from);
            var close = open < 0 ? -1 : text.IndexOf('>', open + 1);
            if (close < 0)
            {
                break;
            }

            if (close == open + 1)
            {
                from = close;
                continue;
            }

            result.Append(text, position, open - position).Append(replacement);
            position = from = close + 1;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    public static JsonElement? ToJsonElement(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var json = value is JToken token ? token.ToString(Newtonsoft.Json.Formatting.None) : Newtonsoft.Json.JsonConvert.SerializeObject(value);
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

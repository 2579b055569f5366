using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace KyodoBot.Bot;

/// <summary>Translates between Bot Framework activities and Core's turn/message records. The only place that knows both.</summary>
public static partial class ActivityMapper
{
    [GeneratedRegex("<at>.*?</at>", RegexOptions.Singleline)]
    private static partial Regex Mention();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    public static IncomingTurn ToTurn(ITurnContext turnContext)
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
            Language = LanguageResolver.Resolve(LocaleOf(activity), activity.Text),
        };
    }

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
                ["appearance"] = new JObject
                {
                    ["@type"] = "DigitalDocument",
                    ["name"] = c.Title,
                    // Teams shows at most 160 characters of the abstract.
                    ["abstract"] = c.Excerpt.Length > 160 ? c.Excerpt[..159] + "…" : c.Excerpt,
                },
            }));
        }

        return new Entity("https://schema.org/Message") { Properties = entity };
    }

    public static ConversationKind KindOf(Activity activity) => activity.Conversation?.ConversationType switch
    {
        "channel" => ConversationKind.Channel,
        "groupChat" => ConversationKind.GroupChat,
        _ when activity.Conversation?.IsGroup == true => ConversationKind.GroupChat,
        _ => ConversationKind.Personal,
    };

    public static string? LocaleOf(Activity activity)
    {
        if (!string.IsNullOrEmpty(activity.Locale))
        {
            return activity.Locale;
        }

        var clientInfo = activity.Entities?.FirstOrDefault(e => e.Type == "clientInfo");
        return clientInfo?.Properties?["locale"]?.ToString();
    }

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
    private static string CleanText(Activity activity)
    {
        var text = activity.Text ?? "";
        if (text.Length == 0)
        {
            return "";
        }

        text = Mention().Replace(text, m => IsBotMention(activity, m.Value) ? " " : Tag().Replace(m.Value, ""));
        if (text.Contains('<', StringComparison.Ordinal) && text.Contains('>', StringComparison.Ordinal))
        {
            text = Tag().Replace(text, " ");
        }

        return WebUtility.HtmlDecode(text).Trim();
    }

    private static bool IsBotMention(Activity activity, string mentionMarkup)
    {
        var mentions = activity.GetMentions();
        if (mentions.Length == 0)
        {
            // No mention entities: only a channel message addressed to the bot carries <at>, so it is ours.
            return true;
        }

        return mentions.Any(m => m.Mentioned?.Id == activity.Recipient?.Id && m.Text == mentionMarkup)
            || mentions.All(m => m.Text != mentionMarkup);
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

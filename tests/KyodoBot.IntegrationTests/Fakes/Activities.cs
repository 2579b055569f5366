using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace KyodoBot.IntegrationTests.Fakes;

/// <summary>Teams-shaped activity JSON, as the channel would post it to /api/messages.</summary>
public static class Activities
{
    public const string TenantId = "tenant-kyodo";
    public const string TeamId = "19:team-kyodo@thread.tacv2";
    public const string ChannelId = "19:shimin-katsudo@thread.tacv2";
    public const string BotId = "28:" + BotApp.AppId;

    public static JsonObject PersonalMessage(string serviceUrl, string text, string userId = "29:user-yamada", string locale = "ja-JP", bool expectReplies = false)
    {
        var activity = Base("message", serviceUrl, locale);
        activity["text"] = text;
        activity["from"] = new JsonObject { ["id"] = userId, ["name"] = "山田 花子", ["aadObjectId"] = "aad-" + userId };
        activity["conversation"] = new JsonObject { ["id"] = "a:personal-" + userId, ["conversationType"] = "personal", ["tenantId"] = TenantId };
        if (expectReplies)
        {
            activity["deliveryMode"] = "expectReplies";
        }

        return activity;
    }

    public static JsonObject ChannelMessage(string serviceUrl, string text, string channelId = ChannelId, bool expectReplies = false)
    {
        var activity = Base("message", serviceUrl, "ja-JP");
        activity["text"] = $"<at>KyodoBot</at> {text}";
        activity["from"] = new JsonObject { ["id"] = "29:user-sato", ["name"] = "佐藤 一郎", ["aadObjectId"] = "aad-sato" };
        activity["conversation"] = new JsonObject
        {
            ["id"] = $"{channelId};messageid=1700000000001",
            ["conversationType"] = "channel",
            ["isGroup"] = true,
            ["tenantId"] = TenantId,
        };
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>KyodoBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "KyodoBot" },
        });
        activity["channelData"] = new JsonObject
        {
            ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "協働推進チーム" },
            ["channel"] = new JsonObject { ["id"] = channelId, ["name"] = "市民活動推進課" },
            ["tenant"] = new JsonObject { ["id"] = TenantId },
        };
        if (expectReplies)
        {
            activity["deliveryMode"] = "expectReplies";
        }

        return activity;
    }

    public static HttpRequestMessage Post(JsonObject activity, string? token = null) =>
        Post(activity.ToJsonString(), token);

    public static HttpRequestMessage Post(string body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static JsonObject Base(string type, string serviceUrl, string locale) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["locale"] = locale,
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "KyodoBot" },
    };
}

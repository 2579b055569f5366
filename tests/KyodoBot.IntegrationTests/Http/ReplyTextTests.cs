using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Proposals;
using KyodoBot.Core.Storage;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>
/// What staff read, through the real /api/messages: a whole proposal with e-mail, phone, date and amount answers and a
/// few questions. Clients that do not honour Markdown escapes (the Agents Playground, some Teams builds) show every
/// backslash, so no reply text and no card TextBlock may carry one before punctuation. Cards that are done (the
/// summary after 送信) update to their final state.
/// </summary>
public sealed partial class ReplyTextTests() : BotEndpointTest("Sqlite")
{
    private static readonly Dictionary<string, string> Answers = new()
    {
        ["orgName"] = "NPO法人みどり野まちづくりネット (MIDORI-NET)",
        ["orgType"] = "NPO法人",
        ["representative"] = "理事長 山田 花子",
        ["email"] = "yamada_h.midori-net@example.jp",
        ["phone"] = "093-123-4567",
        ["projectName"] = "高齢者の見守り+サロン運営事業 2.0",
        ["purpose"] = "一人暮らしの高齢者が地域で孤立しないまちをつくります!",
        ["issue"] = "一人暮らしの高齢者が増え、孤立が心配されています。",
        ["description"] = "毎週水曜日に公民館でサロンを開き、見守り訪問を行います (月4回)。",
        ["outcomes"] = "サロン参加者を年間延べ500人にします。",
        ["orgRole"] = "サロンの運営と見守り訪問",
        ["cityRole"] = "会場の提供と広報",
        ["department"] = "市民活動推進課",
        ["publicFunds"] = "はい",
        ["budget"] = "120万円",
        ["disclosure"] = "市と団体のホームページ (https://example.jp/report) で四半期ごとに報告します。",
        ["evaluationSchedule"] = "四半期ごと",
    };

    private readonly List<string> _shown = [];

    [Fact]
    public async Task WholeProposalAndQuestions_NoReplyShowsABackslashBeforePunctuation()
    {
        await StartAsync();
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 市民活動推進課", expectReplies: true));
        await SendAsync(Personal("提案"));
        await AnswerAllAsync();
        await SendAsync(Personal("送信"));
        var dialog = _shown.ToList();
        await SendAsync(Personal("公開の原則とは何ですか"));
        await SendAsync(Personal("明日の天気を教えてください"));
        await SendAsync(Personal("提案状況"));

        await using (var db = await Db())
        {
            Assert.Equal(1, await db.Proposals.CountAsync());
        }

        var all = string.Join("\n", _shown).Replace("\\", "", StringComparison.Ordinal);
        Assert.Contains("093-123-4567", all); // the answers were echoed, so the scan below had something to find
        Assert.Contains("yamada_h.midori-net@example.jp", all);
        var escaped = _shown.Where(t => EscapeBeforePunctuation().IsMatch(t)).ToList();
        Assert.True(escaped.Count == 0, "Visible escapes in:\n" + string.Join("\n---\n", escaped));
        var markdown = dialog.Where(t => t.Contains("**", StringComparison.Ordinal)).ToList();
        Assert.True(markdown.Count == 0, "Markdown in dialog replies:\n" + string.Join("\n---\n", markdown));
    }

    [Fact]
    public async Task ChoicePrompts_AreCards_APressedButtonAdvancesTheDialogLikeTypingIt()
    {
        await StartAsync();
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 市民活動推進課", expectReplies: true));
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 高齢福祉課", expectReplies: true));
        await SendAsync(Personal("提案"));
        var orgTypeCard = await SendAsync(Personal(Answers["orgName"]));

        // A press sends the button's data with no text, as Teams and the Agents Playground do for Action.Submit.
        var volunteer = Button(orgTypeCard, "2. ボランティア団体");
        Assert.Equal("ボランティア団体", volunteer["command"]!.GetValue<string>());
        var press = Personal("");
        press["value"] = volunteer.DeepClone();
        var afterPress = await SendAsync(press);

        var session = await SessionAsync();
        Assert.Equal("volunteer", session.Answer("orgType"));
        Assert.Equal("representative", session.CurrentFieldId);
        Assert.Contains("✔ 団体種別: ボランティア団体", Shown(afterPress));

        // Typing works the same: the number or the label.
        await SendAsync(Personal("戻る"));
        await SendAsync(Personal("2"));
        Assert.Equal("volunteer", (await SessionAsync()).Answer("orgType"));
        while ((await SessionAsync()).CurrentFieldId is { } field && field != "department")
        {
            await SendAsync(Personal(Answers.GetValueOrDefault(field) ?? "2027年4月1日"));
        }

        var departmentCard = _lastReplies;
        var choice = Button(departmentCard, "2. 高齢福祉課");
        press = Personal("");
        press["value"] = choice.DeepClone();
        await SendAsync(press);
        Assert.Equal("高齢福祉課", (await SessionAsync()).Answer("department"));
    }

    /// <summary>The data of the Action.Submit titled <paramref name="title"/> on the last reply's card.</summary>
    private static JsonObject Button(JsonArray replies, string title)
    {
        var card = replies.Select(r => r?["attachments"]?.AsArray().FirstOrDefault()?["content"]).LastOrDefault(c => c is not null);
        Assert.NotNull(card);
        var actions = card!.ToJsonString();
        var found = card["body"]!.AsArray()
            .Where(e => e?["type"]?.GetValue<string>() == "ActionSet")
            .SelectMany(e => e!["actions"]!.AsArray())
            .FirstOrDefault(a => a?["title"]?.GetValue<string>() == title);
        Assert.True(found is not null, $"No button '{title}' on {actions}");
        Assert.Equal("Action.Submit", found!["type"]!.GetValue<string>());
        return found["data"]!.AsObject();
    }

    private static string Shown(JsonArray replies) => replies.ToJsonString(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private async Task<DialogSession> SessionAsync()
    {
        await using var db = await Db();
        var draft = await db.ProposalDrafts.AsNoTracking().SingleAsync();
        Assert.True(DialogSession.TryFromJson(draft.SessionJson, out var session));
        return session;
    }

    [Fact]
    public async Task SummaryCard_SubmitThroughInvoke_BecomesItsFinalState_AndAStaleSubmitSendsNoSecondConfirmation()
    {
        await StartAsync();
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 市民活動推進課", expectReplies: true));
        await SendAsync(Personal("提案"));
        await AnswerAllAsync();

        var first = await PressSubmitAsync();
        var confirmations = await Connector.WaitForAsync(IsConfirmation);
        var stale = await PressSubmitAsync();

        Assert.Contains("として送信しました", first);
        Assert.DoesNotContain("Action.Execute", first);
        Assert.Contains("として送信済みです", stale);
        Assert.DoesNotContain("Action.Execute", stale);
        Assert.Single(confirmations);
        Assert.Single(Connector.Calls, IsConfirmation);
        await using var db = await Db();
        Assert.Equal(1, await db.Proposals.CountAsync());

        static bool IsConfirmation(ConnectorCall c) => c.Method == "POST" && c.ConversationId == "a:personal-29:user-yamada"
            && (c.Body["text"]?.GetValue<string>() ?? "").Contains("提案を受け付けました", StringComparison.Ordinal);
    }

    /// <summary>送信 on the summary card, as Teams sends an Action.Execute: returns the card that replaces it.</summary>
    private async Task<string> PressSubmitAsync()
    {
        var invoke = Activities.PersonalMessage(Connector.ServiceUrl, "");
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = ProposalSummaryAction.SummaryVerb, ["data"] = new JsonObject { ["command"] = "送信", ["lang"] = "ja" } },
        };
        var response = await Client.SendAsync(Activities.Post(invoke));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"\\[!-/:-@\[-`{-~]")]
    private static partial Regex EscapeBeforePunctuation();

    private Task AnswerAllAsync() => AnswerProposalDialogAsync(Answers, (_, text) => SendAsync(Personal(text)));

    private JsonObject Personal(string text) => Activities.PersonalMessage(Connector.ServiceUrl, text, expectReplies: true);

    private JsonArray _lastReplies = [];

    /// <summary>Posts the activity and keeps every text the user would read: message text, card TextBlocks and TextRuns.</summary>
    private async Task<JsonArray> SendAsync(JsonObject activity)
    {
        var response = await Client.SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        _lastReplies = body?["activities"]?.AsArray() ?? [];
        foreach (var reply in _lastReplies)
        {
            if (reply?["text"]?.GetValue<string>() is { Length: > 0 } text)
            {
                _shown.Add(text);
            }

            foreach (var attachment in reply?["attachments"]?.AsArray() ?? [])
            {
                CollectTextBlocks(attachment?["content"]);
            }
        }

        return _lastReplies;
    }

    private void CollectTextBlocks(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() is "TextBlock" or "TextRun" && o["text"]?.GetValue<string>() is { } text)
                {
                    _shown.Add(text);
                }

                foreach (var (_, child) in o)
                {
                    CollectTextBlocks(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    CollectTextBlocks(child);
                }

                break;
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Proposals;
using KyodoBot.Core.Storage;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>
/// A proposal through the real /api/messages and the fake connector: the review card reaches the department's channel,
/// 受理 via an adaptiveCard/action invoke updates that card and notifies the proposer, and a submit delivered twice
/// makes one proposal and one card. On SQLite and on PostgreSQL.
/// </summary>
public abstract class ProposalEndpointTests(string provider) : BotEndpointTest(provider)
{
    private static readonly Dictionary<string, string> Answers = new()
    {
        ["orgName"] = "特定非営利活動法人みどり野まちづくりネット",
        ["orgType"] = "NPO法人",
        ["representative"] = "理事長 山田 花子",
        ["email"] = "yamada@example.jp",
        ["phone"] = "03-1234-5678",
        ["projectName"] = "高齢者の見守りとサロン運営事業",
        ["purpose"] = "一人暮らしの高齢者が地域で孤立しないまちをつくります。",
        ["issue"] = "一人暮らしの高齢者が増え、孤立が心配されています。",
        ["description"] = "毎週水曜日に公民館でサロンを開き、見守り訪問を行います。",
        ["outcomes"] = "サロン参加者を年間延べ500人にします。",
        ["orgRole"] = "サロンの運営と見守り訪問",
        ["cityRole"] = "会場の提供と広報",
        ["department"] = "市民活動推進課",
        ["publicFunds"] = "はい",
        ["budget"] = "120万円",
        ["disclosure"] = "市と団体のホームページで四半期ごとに報告します。",
        ["evaluationSchedule"] = "四半期ごと",
    };

    [SkippableFact]
    public async Task Proposal_ReachesTheDepartment_AcceptUpdatesTheCardAndTellsTheProposer_DuplicateSubmitMakesOne()
    {
        await StartAsync();
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 市民活動推進課", expectReplies: true));
        await SendAsync(Personal("提案"));
        await AnswerAllAsync();

        var submit = Personal("送信");
        var first = await SendAsync(submit);
        var again = await SendAsync(submit);

        Assert.Contains("KP-", first);
        Assert.Contains("KP-", again);
        var created = Assert.Single(await Connector.WaitForAsync(c => c.Path == "/v3/conversations"));
        Assert.Equal(Activities.ChannelId, created.Body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        var card = created.Body["activity"]!["attachments"]![0]!["content"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("高齢者の見守りとサロン運営事業", card);
        Assert.Contains("proposal.accept", card);
        await using (var db = await Db())
        {
            Assert.Equal(1, await db.Proposals.CountAsync());
        }

        var proposal = await SingleProposalAsync();
        var invoke = Activities.ChannelMessage(Connector.ServiceUrl, "", channelId: Activities.ChannelId);
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["conversation"]!["id"] = proposal.ReviewConversationId;
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "proposal.accept", ["data"] = new JsonObject { ["proposalId"] = proposal.Id, ["lang"] = "ja" } },
        };
        var response = await Client.SendAsync(Activities.Post(invoke));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("受理しました", await response.Content.ReadAsStringAsync());
        var update = Assert.Single(await Connector.WaitForAsync(c => c.Method == "PUT"));
        Assert.Equal(proposal.ReviewActivityId, update.ActivityId);
        var notice = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == "a:personal-29:user-yamada"
            && c.Body["type"]?.GetValue<string>() == "message" && (c.Body["text"]?.GetValue<string>() ?? "").Contains("受理されました")));
        Assert.Contains(proposal.Reference, notice.Body["text"]!.GetValue<string>());
        Assert.Equal(ProposalState.Accepted, (await SingleProposalAsync()).State);
    }

    [SkippableFact]
    public async Task Submit_TenConcurrentClicksWithDistinctActivityIds_MakeOneProposalAndOneCard_EveryReplyNamesIt()
    {
        await StartAsync();
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 市民活動推進課", expectReplies: true));
        await SendAsync(Personal("提案"));
        await AnswerAllAsync();
        // A slow connector keeps the first card in flight while the other clicks arrive.
        Connector.ResponseDelay = TimeSpan.FromMilliseconds(200);

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => SendAsync(Personal("送信")))));

        var proposal = await SingleProposalAsync();
        Assert.Single(await Connector.WaitForAsync(c => c.Path == "/v3/conversations"));
        Assert.Single(Connector.Calls, c => c.Path == "/v3/conversations");
        Assert.All(replies, reply =>
        {
            Assert.Contains(proposal.Reference, reply);
            Assert.Contains("市民活動推進課", reply);
            Assert.DoesNotContain("登録されていない", reply);
        });
        Assert.Equal(9, replies.Count(r => r.Contains("送信済み", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task Submit_TheSameActivityTenTimesAtOnce_NoReplySaysTheDepartmentHasNoChannel()
    {
        await StartAsync();
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 市民活動推進課", expectReplies: true));
        await SendAsync(Personal("提案"));
        await AnswerAllAsync();
        Connector.ResponseDelay = TimeSpan.FromMilliseconds(200);
        var submit = Personal("送信").ToJsonString();

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => SendAsync(JsonNode.Parse(submit)!.AsObject()))));

        var proposal = await SingleProposalAsync();
        Assert.Single(await Connector.WaitForAsync(c => c.Path == "/v3/conversations"));
        Assert.Single(Connector.Calls, c => c.Path == "/v3/conversations");
        Assert.All(replies, reply =>
        {
            Assert.Contains(proposal.Reference, reply);
            Assert.DoesNotContain("登録されていない", reply);
        });
    }

    [SkippableFact]
    public async Task ConcurrentSubmissions_GetDistinctConsecutiveNumbers()
    {
        await StartAsync();
        var store = App.Services.GetRequiredService<ProposalStore>();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => store.SubmitAsync(new Proposal
        {
            Reference = "", SubmitActivityId = $"activity-{i}", ProposerId = "29:user", Department = "市民活動推進課",
            Title = $"事業{i}", Organization = "団体", AnswersJson = "{}",
        }, CancellationToken.None))));

        var numbers = results.Select(r => r.Proposal.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 16), numbers);
        Assert.Single(results.Select(r => r.Proposal.FiscalYear).Distinct());
    }

    [SkippableFact]
    public async Task EnglishClient_ProposalStartedInJapanese_StaysJapanese_ThroughEmailNumberDateAndAmountAnswers()
    {
        await StartAsync();
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 市民活動推進課", expectReplies: true));
        var start = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(30);
        // What a Japanese officer types without one Japanese character: the choice number the bot offers, an e-mail
        // address, a phone number, dates with slashes, an amount in digits.
        var ascii = new Dictionary<string, string>
        {
            ["orgType"] = "2",
            ["email"] = "yamada.taro@example.lg.jp",
            ["phone"] = "093-123-4567",
            ["startDate"] = $"{start.Year}/{start.Month}/{start.Day}",
            ["endDate"] = $"{start.Year + 1}/{start.Month}/{start.Day}",
            ["budget"] = "1200000",
            ["evaluationSchedule"] = "2",
        };

        var first = await SendAsync(Personal("提案", "en-US"));
        var replies = await AnswerAllAsync(ascii, "en-US");

        Assert.Contains("団体名", first);
        Assert.All(ascii.Keys, field => Assert.Contains(field, replies.Keys));
        Assert.All(replies, reply =>
        {
            Assert.DoesNotContain("You can say", reply.Value);
            Assert.DoesNotContain("\"Yes\"", reply.Value);
            Assert.DoesNotContain("Contact", reply.Value);
            Assert.True(Core.Conversations.LanguageResolver.ContainsJapanese(reply.Value), $"The reply to {reply.Key} has no Japanese: {reply.Value}");
        });
        Assert.Contains("✔", replies["email"]);
        Assert.Contains("電話番号", replies["email"]);
        await using var db = await Db();
        Assert.True(DialogSession.TryFromJson((await db.ProposalDrafts.AsNoTracking().SingleAsync()).SessionJson, out var session));
        Assert.Equal(Core.Conversations.Language.Japanese, session.Language);
        Assert.Equal("volunteer", session.Answers["orgType"]);
    }

    /// <summary>Answers every field the dialog asks; returns the bot's reply to each answer, by field id.</summary>
    private async Task<Dictionary<string, string>> AnswerAllAsync(IReadOnlyDictionary<string, string>? overrides = null, string locale = "ja-JP")
    {
        var answers = new Dictionary<string, string>(Answers);
        foreach (var (field, value) in overrides ?? new Dictionary<string, string>())
        {
            answers[field] = value;
        }

        var replies = new Dictionary<string, string>();
        await AnswerProposalDialogAsync(answers, async (field, text) => replies[field] = await SendAsync(Personal(text, locale)));
        return replies;
    }

    private static JsonObject Personal(string text, string locale = "ja-JP") =>
        Activities.PersonalMessage("http://localhost:1/", text, locale: locale, expectReplies: true);

    private async Task<string> SendAsync(JsonObject activity)
    {
        if (activity["serviceUrl"]!.GetValue<string>() == "http://localhost:1/")
        {
            activity["serviceUrl"] = Connector.ServiceUrl;
        }

        var response = await Client.SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<Proposal> SingleProposalAsync()
    {
        await using var db = await Db();
        return await db.Proposals.AsNoTracking().SingleAsync();
    }
}

public sealed class SqliteProposalEndpointTests() : ProposalEndpointTests("Sqlite");

public sealed class PostgresProposalEndpointTests() : ProposalEndpointTests("Postgres");

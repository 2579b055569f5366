using System.Net;
using System.Text.Json.Nodes;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Proposals;
using KyodoBot.Core.Storage;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>
/// Closed by default, through the real /api/messages and the fake connector, with no admins configured (the default):
/// a department's evaluations cannot be changed from a personal chat by card data with guessed ids, and another
/// channel cannot take a department over — it asks, and the holding channel approves (or an admin moves it). On SQLite
/// and on PostgreSQL (the move requests have a migration for each).
/// </summary>
public abstract class AuthorizationTests(string provider) : BotEndpointTest(provider)
{
    private const string Department = "市民活動推進課";
    private const string OtherChannel = "19:somebody-else@thread.tacv2";

    [SkippableTheory]
    [InlineData("evaluation.record")]
    [InlineData("evaluation.snooze")]
    [InlineData("schedule.add")]
    [InlineData("schedule.move")]
    [InlineData("schedule.remove")]
    public async Task DepartmentAction_ByInvokeFromAPersonalChat_IsRefused_AndChangesNothing(string verb)
    {
        await StartAsync();
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 " + Department, expectReplies: true));
        var (project, dues) = await ProjectWithTwoDatesAsync();
        var before = await StateAsync();

        var invoke = Invoke(Personal(), verb, new JsonObject
        {
            ["dueId"] = dues[0], ["projectId"] = project, ["moveDueId"] = dues[0], ["removeDueId"] = dues[0],
            ["issueRating"] = "5", ["conductRating"] = "5", ["reason"] = "都合により", ["snoozes"] = 0,
            ["addDate"] = Today().AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["moveDate"] = Today().AddDays(70).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        var response = await Client.SendAsync(Activities.Post(invoke));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refusal = await Connector.WaitForAsync(c => c.Method == "POST" && Text(c).Contains("所管課のチャネルまたは管理者のみ"));
        Assert.Equal("a:personal-29:user-mallory", Assert.Single(refusal).ConversationId);
        Assert.Equal(before, await StateAsync());
    }

    [SkippableFact]
    public async Task ProposalDecision_ByInvokeFromAPersonalChatOrAnotherChannel_IsRefused_AndTheProposalStaysUnderReview()
    {
        await StartAsync();
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 " + Department, expectReplies: true));
        await WaitingProposalAsync();
        await using (var db = await Db())
        {
            await db.Proposals.ExecuteUpdateAsync(u => u
                .SetProperty(p => p.State, ProposalState.UnderReview)
                .SetProperty(p => p.ReviewConversationId, Activities.ChannelId + ";messageid=1001")
                .SetProperty(p => p.ReviewActivityId, "1001")
                .SetProperty(p => p.ReviewServiceUrl, Connector.ServiceUrl));
        }

        var id = (await SingleProposalAsync()).Id;
        foreach (var (from, verb) in new[] { (Personal(), "proposal.accept"), (InChannel(OtherChannel, ""), "proposal.accept"), (Personal(), "proposal.return") })
        {
            await Client.SendAsync(Activities.Post(Invoke(from, verb, new JsonObject { ["proposalId"] = id, ["comment"] = "差し戻します" })));
        }

        Assert.Equal(3, (await Connector.WaitForAsync(c => Text(c).Contains("審査スレッドで"), count: 3)).Count);
        Assert.Equal(ProposalState.UnderReview, (await SingleProposalAsync()).State);
    }

    [SkippableFact]
    public async Task ProjectRegister_ByInvoke_WithNoAdminsConfigured_IsRefusedForEveryone_AndRegistersNothing()
    {
        await StartAsync();
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 " + Department, expectReplies: true));
        var start = Today().AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var end = Today().AddDays(400).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var response = await Client.SendAsync(Activities.Post(Invoke(InChannel(Activities.ChannelId, ""), "project.register", new JsonObject
        {
            ["title"] = "子育てサロン", ["organization"] = "NPO法人あおぞら", ["department"] = Department, ["startDate"] = start, ["endDate"] = end,
            ["publicFunds"] = "yes", ["schedule"] = "annual", ["dates"] = "",
        })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await Connector.WaitForAsync(c => Text(c).Contains("Kyodo:Admins")));
        await using var db = await Db();
        Assert.Equal(0, await db.Projects.CountAsync());
    }

    [SkippableFact]
    public async Task Register_InAnotherChannel_AsksTheHoldingChannel_WhichAloneApproves_ThenBothAreTold_AndProposalsAndRemindersFollow()
    {
        await StartAsync();
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 " + Department, expectReplies: true));

        var asked = await SendAsync(InChannel(OtherChannel, "登録 " + Department));

        Assert.Contains("確認を依頼しました", asked);
        Assert.Equal(Activities.ChannelId, (await Registered()).ChannelId);
        var card = Assert.Single(await Connector.WaitForAsync(c => c.Path == "/v3/conversations" && c.Body.ToJsonString().Contains("department.move.approve")));
        Assert.Equal(Activities.ChannelId, card.Body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        var requestId = await SingleRequestIdAsync();
        await WaitingProposalAsync();
        await ProjectWithTwoDatesAsync();

        // The asking channel and a personal chat cannot approve their own request.
        await Client.SendAsync(Activities.Post(Invoke(InChannel(OtherChannel, ""), DepartmentMoveAction.Approve, new JsonObject { ["requestId"] = requestId })));
        await Client.SendAsync(Activities.Post(Invoke(Personal(), DepartmentMoveAction.Approve, new JsonObject { ["requestId"] = requestId })));
        Assert.Equal(2, (await Connector.WaitForAsync(c => Text(c).Contains("承認・拒否は"), count: 2)).Count);
        Assert.Equal(Activities.ChannelId, (await Registered()).ChannelId);

        var approved = await Client.SendAsync(Activities.Post(Invoke(InChannel(Activities.ChannelId, ""), DepartmentMoveAction.Approve, new JsonObject { ["requestId"] = requestId })));

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("承認済み", await approved.Content.ReadAsStringAsync());
        Assert.Equal(OtherChannel, (await Registered()).ChannelId);
        Assert.Single(await Connector.WaitForAsync(c => Text(c).Contains("登録先を") && Text(c).Contains("に変更しました")));
        var told = Assert.Single(await Connector.WaitForAsync(c => c.Path == "/v3/conversations" && Text(c).Contains("依頼が承認されました")));
        Assert.Equal(OtherChannel, told.Body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        var update = Assert.Single(await Connector.WaitForAsync(c => c.Method == "PUT"));
        Assert.StartsWith(Activities.ChannelId, update.ConversationId);
        Assert.Contains("承認済み", update.Body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var review = Assert.Single(await Connector.WaitForAsync(c => c.Path == "/v3/conversations" && c.Body.ToJsonString().Contains("proposal.accept")));
        Assert.Equal(OtherChannel, review.Body["channelData"]!["channel"]!["id"]!.GetValue<string>());

        // The evaluation reminders, sent when due (a sweep as of 40 days from now), go to the new channel.
        var sent = await App.Services.GetRequiredService<IReminderSweep>().RunAsync(DateTimeOffset.UtcNow.AddDays(40), default);
        Assert.True(sent.Sent > 0);
        var reminders = await Connector.WaitForAsync(c => c.Path == "/v3/conversations" && c.Body.ToJsonString().Contains("evaluation.record"));
        Assert.All(reminders, r => Assert.Equal(OtherChannel, r.Body["channelData"]!["channel"]!["id"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Register_ByAnAdmin_MovesAtOnce_AndTellsTheChannelItLeft()
    {
        await StartAsync(settings => settings["Kyodo:Admins"] = "aad-sato");
        await SendAsync(Activities.ChannelMessage(Connector.ServiceUrl, "登録 " + Department, expectReplies: true));

        var moved = await SendAsync(InChannel(OtherChannel, "登録 " + Department));

        Assert.Contains("このチャネルに変更しました", moved);
        Assert.Equal(OtherChannel, (await Registered()).ChannelId);
        var told = Assert.Single(await Connector.WaitForAsync(c => c.Path == "/v3/conversations" && Text(c).Contains("管理者（佐藤 一郎）")));
        Assert.Equal(Activities.ChannelId, told.Body["channelData"]!["channel"]!["id"]!.GetValue<string>());
    }

    // ---- helpers ----

    private async Task<(long Project, long[] Dues)> ProjectWithTwoDatesAsync()
    {
        var today = Today();
        var project = await App.Services.GetRequiredService<ProjectService>().RegisterAsync(new ProjectRegistration(
            "子育てサロン", "NPO法人あおぞら", Department, today, today.AddYears(1), true, ScheduleKind.Dates, [today.AddDays(30)], "test"), default);
        await using var db = await Db();
        var dues = await db.EvaluationDues.Where(d => d.ProjectId == project.Id).OrderBy(d => d.Id).Select(d => d.Id).ToArrayAsync();
        Assert.True(dues.Length >= 2);
        return (project.Id, dues);
    }

    /// <summary>Everything a department action could change, as one comparable string.</summary>
    private async Task<string> StateAsync()
    {
        await using var db = await Db();
        var dues = await db.EvaluationDues.AsNoTracking().OrderBy(d => d.Id).Select(d => $"{d.Id}:{d.DueDate}:{d.State}:{d.SnoozeCount}").ToListAsync();
        return string.Join("|", dues) + $"|records={await db.Evaluations.CountAsync()}|snoozes={await db.Snoozes.CountAsync()}";
    }

    private async Task WaitingProposalAsync()
    {
        var proposal = new Proposal
        {
            Reference = "", SubmitActivityId = "waiting-1", ProposerId = "29:user-yamada", Department = Department,
            Title = "見守りサロン", Organization = "NPO法人みどり野", AnswersJson = "{}", State = ProposalState.Undelivered,
        };
        await App.Services.GetRequiredService<ProposalStore>().SubmitAsync(proposal, default);
    }

    private async Task<Proposal> SingleProposalAsync()
    {
        await using var db = await Db();
        return await db.Proposals.AsNoTracking().SingleAsync();
    }

    private async Task<long> SingleRequestIdAsync()
    {
        await using var db = await Db();
        return (await db.DepartmentMoveRequests.AsNoTracking().SingleAsync()).Id;
    }

    private async Task<Department> Registered() =>
        (await App.Services.GetRequiredService<DepartmentRegistry>().FindAsync(Department, default))!;

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));

    private JsonObject Personal() => Activities.PersonalMessage(Connector.ServiceUrl, "", userId: "29:user-mallory");

    private JsonObject InChannel(string channelId, string text)
    {
        var activity = Activities.ChannelMessage(Connector.ServiceUrl, text, channelId, expectReplies: true);
        activity["channelData"]!["channel"]!["name"] = channelId == OtherChannel ? "別の課" : "市民活動推進課";
        return activity;
    }

    private static JsonObject Invoke(JsonObject activity, string verb, JsonObject data)
    {
        activity.Remove("deliveryMode");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["text"] = "";
        data["lang"] = "ja";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        return activity;
    }

    private static string Text(ConnectorCall call) =>
        (call.Body["text"] ?? call.Body["activity"]?["text"])?.GetValue<string>() ?? "";

    private async Task<string> SendAsync(JsonObject activity)
    {
        var response = await Client.SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

public sealed class SqliteAuthorizationTests() : AuthorizationTests("Sqlite");

public sealed class PostgresAuthorizationTests() : AuthorizationTests("Postgres");

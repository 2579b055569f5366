using System.Net;
using System.Text.Json.Nodes;
using KyodoBot.Core.Evaluations;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using static KyodoBot.IntegrationTests.Evaluations.ReminderScenario;

namespace KyodoBot.IntegrationTests.Evaluations;

/// <summary>
/// The evaluation reminder outbox through the real host: the sweep posts each due card through the real messenger,
/// throttling handler and SDK to the fake connector, which stands in for Teams (including a Teams that removed the bot
/// from a team), and the card's buttons come back through /api/messages as <c>adaptiveCard/action</c> invokes. The
/// sweep is run by the test (the scheduler is off in HTTP tests); the process tests run it from Quartz. On SQLite and
/// on PostgreSQL.
/// </summary>
public abstract class ReminderDeliveryTests(string provider) : IAsyncLifetime
{
    /// <summary>The user <see cref="Activities.ChannelMessage"/> sends as; the admin where a test configures admins.</summary>
    private const string AdminAadObjectId = "aad-sato";
    private const string AdminChat = "a:personal-29:user-sato";
    /// <summary>One value, as an operator's environment variable gives it.</summary>
    private const string KyodoAdmins = "Kyodo:Admins";

    private FakeBotConnector _connector = null!;
    private TestDatabase? _database;
    private StoredState? _stored;
    private BotApp? _app;
    private HttpClient _client = null!;

    private StoredState Stored => _stored!;

    [SkippableFact]
    public async Task DueReminders_ArePostedAsNewThreads_InTheirDepartmentsChannels_EachExactlyOnce()
    {
        await StartAsync();
        var departments = Enumerable.Range(1, 3).Select(Department).ToList();
        foreach (var (name, channelId) in departments)
        {
            await RegisterAsync(_client, _connector, name, channelId);
        }

        var projects = await AddProjectsAsync(_app!.Services, departments.SelectMany((d, i) => new[] { (d.Name, Title(2 * i)), (d.Name, Title(2 * i + 1)) }));

        var first = await SweepAsync();
        var second = await SweepAsync();

        Assert.Equal(new SweepResult(6, 0, 0), first);
        Assert.Equal(SweepResult.Empty, second);
        var creates = _connector.Calls.Where(IsCreate).ToList();
        Assert.Equal(6, creates.Count);
        var due = await Stored.DueRemindersAsync();
        Assert.Equal(6, due.Count);
        foreach (var reminder in due)
        {
            var project = projects.Single(p => p.Id == reminder.ProjectId);
            var channelId = departments.Single(d => d.Name == project.Department).ChannelId;
            var card = Assert.Single(creates, c => ReminderIdOf(c) == reminder.Id);
            Assert.True(card.Accepted);
            Assert.Equal(channelId, card.Body["channelData"]!["channel"]!["id"]!.GetValue<string>());
            Assert.True(card.Body["isGroup"]!.GetValue<bool>());
            var activity = card.Body["activity"]!.ToJsonString(Unescaped);
            Assert.Contains("application/vnd.microsoft.card.adaptive", activity);
            Assert.Contains(project.Title, activity);
            Assert.Contains("本日が評価の期限です", activity);
            // Marked sent with where the card is, so that recording on it can update it later.
            Assert.Equal(ReminderState.Sent, reminder.State);
            Assert.Equal(card.ActivityId, reminder.PostedActivityId);
            Assert.Equal($"{channelId};messageid={card.ActivityId}", reminder.PostedConversationId);
        }
    }

    [SkippableFact]
    public async Task Forbidden_ParksTheDepartment_TellsTheAdminOnce_AndAfterReRegisteringTheNextSweepDeliversEachCardOnce()
    {
        await StartAsync((KyodoAdmins, AdminAadObjectId));
        await AdminOpensPersonalChatAsync();
        var (open, openChannel) = Department(1);
        var (removed, removedChannel) = Department(2);
        await RegisterAsync(_client, _connector, open, openChannel);
        await RegisterAsync(_client, _connector, removed, removedChannel);
        await AddProjectsAsync(_app!.Services, [(open, Title(1)), (open, Title(2)), (removed, Title(3)), (removed, Title(4))]);
        // The bot was removed from the team of the second channel.
        _connector.Fail(c => IsCreate(c) && c.ConversationId == removedChannel, HttpStatusCode.Forbidden, errorCode: "BotNotInConversationRoster");

        var refused = await SweepAsync();
        var meanwhile = await SweepAsync();

        Assert.Equal(new SweepResult(2, 0, 2), refused);
        Assert.Equal(new SweepResult(0, 0, 2), meanwhile);
        // One attempt, no retry of a 403, and nothing more for that channel while it is parked.
        Assert.Equal([403], _connector.Calls.Where(c => IsCreate(c) && c.ConversationId == removedChannel).Select(c => c.Status));
        var department = await Stored.DepartmentAsync(removed);
        Assert.True(department.Inactive);
        Assert.Contains("403", department.InactiveReason);
        var parked = (await Stored.DueRemindersAsync()).Where(r => r.State != ReminderState.Sent).ToList();
        Assert.Equal(2, parked.Count);
        Assert.All(parked, r => Assert.Equal((ReminderState.Pending, "channel-inactive"), (r.State, r.LastError)));
        Assert.Single(AdminNotices("投稿を拒否"));

        // Someone adds the bot back and registers the channel again.
        await RegisterAsync(_client, _connector, removed, removedChannel, expected: "投稿を再開します");
        var delivered = await SweepAsync();

        Assert.Equal(new SweepResult(2, 0, 0), delivered);
        var due = await Stored.DueRemindersAsync();
        Assert.All(due, r => Assert.Equal(ReminderState.Sent, r.State));
        var accepted = AcceptedCardsByReminder(_connector);
        Assert.All(due, r => Assert.Equal(1, accepted.GetValueOrDefault(r.Id)));
        Assert.Equal(2, _connector.Calls.Count(c => IsCreate(c) && c.Accepted && c.ConversationId == removedChannel));
        Assert.False((await Stored.DepartmentAsync(removed)).Inactive);
        Assert.Single(AdminNotices("投稿を拒否"));
    }

    [SkippableFact]
    public async Task Record_ThroughTheInvokeEndpoint_ReturnsTheRecordedCard_AndReplacesThePostedOne()
    {
        var reminder = await DeliverOneCardAsync();

        var response = await InvokeAsync(reminder, "evaluation.record", new JsonObject
        {
            ["issueRating"] = "4",
            ["conductRating"] = "5",
            ["principles"] = "1,7",
            ["comments"] = "参加者が毎月増えています。",
            ["nextSteps"] = "来年度は2会場に広げます。",
        });

        var card = InvokedCard(response);
        Assert.Contains("評価を記録しました", card);
        Assert.Contains("参加者が毎月増えています。", card);
        Assert.DoesNotContain("evaluation.record", card);
        var update = Assert.Single(await _connector.WaitForAsync(c => c.Method == "PUT"));
        Assert.Equal((reminder.PostedConversationId, reminder.PostedActivityId), (update.ConversationId, update.ActivityId));
        Assert.True(update.Accepted);
        var shown = update.Body.ToJsonString(Unescaped);
        Assert.Contains("評価を記録しました", shown);
        Assert.Contains("来年度は2会場に広げます。", shown);
        Assert.Equal(DueState.Recorded, (await Stored.DueAsync(reminder.DueId)).State);
        // The escalation still waiting is called off.
        Assert.DoesNotContain(await Stored.RemindersAsync(), r => r.State == ReminderState.Pending);
    }

    [SkippableFact]
    public async Task Snooze_ThroughTheInvokeEndpoint_ReturnsTheCardWithTheNewDate_AndReplacesThePostedOne()
    {
        var reminder = await DeliverOneCardAsync();
        var before = await Stored.DueAsync(reminder.DueId);
        var newDateOnCard = KyodoBot.Core.Dialogs.DialogTexts.FormatDate(before.DueDate.AddDays(7), KyodoBot.Core.Conversations.Language.Japanese);

        var response = await InvokeAsync(reminder, "evaluation.snooze", new JsonObject { ["reason"] = "団体の総会が延期になったため" });

        var card = InvokedCard(response);
        Assert.Contains(newDateOnCard, card);
        Assert.Contains("evaluation.record", card);
        var update = Assert.Single(await _connector.WaitForAsync(c => c.Method == "PUT"));
        Assert.Equal((reminder.PostedConversationId, reminder.PostedActivityId), (update.ConversationId, update.ActivityId));
        Assert.Contains(newDateOnCard, update.Body.ToJsonString(Unescaped));
        var told = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == reminder.PostedConversationId
            && c.Body["type"]?.GetValue<string>() == "message"));
        Assert.Contains($"{newDateOnCard}に延期しました", told.Body.ToJsonString(Unescaped));
        var after = await Stored.DueAsync(reminder.DueId);
        Assert.Equal((before.DueDate.AddDays(7), 1, DueState.Scheduled), (after.DueDate, after.SnoozeCount, after.State));
        // The new date has its own card ahead (on it, or on the business day before it); nothing is due again now.
        Assert.Equal(SweepResult.Empty, await SweepAsync());
        Assert.Contains(await Stored.RemindersAsync(), r => r.State == ReminderState.Pending && r.Kind == ReminderKind.DueDay
            && r.Day > before.DueDate && r.Day <= after.DueDate);
    }

    private async Task<Reminder> DeliverOneCardAsync()
    {
        await StartAsync();
        var (name, channelId) = Department(1);
        await RegisterAsync(_client, _connector, name, channelId);
        await AddProjectsAsync(_app!.Services, [(name, Title(1))]);
        Assert.Equal(new SweepResult(1, 0, 0), await SweepAsync());
        return Assert.Single(await Stored.DueRemindersAsync());
    }

    /// <summary>A press of an Action.Execute button on the posted card, in its thread, as Teams sends it (inputs merged into data).</summary>
    private async Task<HttpResponseMessage> InvokeAsync(Reminder reminder, string verb, JsonObject inputs)
    {
        var (_, channelId) = Department(1);
        var invoke = Activities.ChannelMessage(_connector.ServiceUrl, "", channelId);
        invoke.Remove("text");
        invoke.Remove("entities");
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["conversation"]!["id"] = reminder.PostedConversationId;
        inputs["dueId"] = reminder.DueId;
        inputs["reminderId"] = reminder.Id;
        inputs["lang"] = "ja";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = inputs },
            ["trigger"] = "manual",
        };
        return await _client.SendAsync(Activities.Post(invoke));
    }

    /// <summary>The card in an adaptiveCard/action invoke response (what replaces the clicked card for the clicker).</summary>
    private static string InvokedCard(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(response.Content.ReadAsStream())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        return body["value"]!.ToJsonString(Unescaped);
    }

    private async Task AdminOpensPersonalChatAsync()
    {
        var hello = Activities.PersonalMessage(_connector.ServiceUrl, "ヘルプ", userId: "29:user-sato", expectReplies: true);
        hello["from"]!["aadObjectId"] = AdminAadObjectId;
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(Activities.Post(hello))).StatusCode);
    }

    private List<ConnectorCall> AdminNotices(string text) =>
        [.. _connector.Calls.Where(c => c.Method == "POST" && c.Accepted && c.ConversationId == AdminChat && c.Body.ToJsonString(Unescaped).Contains(text))];

    private Task<SweepResult> SweepAsync() =>
        _app!.Services.GetRequiredService<IReminderSweep>().RunAsync(DateTimeOffset.UtcNow, CancellationToken.None);

    private async Task StartAsync(params (string Key, string Value)[] overrides)
    {
        _database = await TestDatabase.CreateAsync(provider);
        var settings = BotApp.Anonymous(_database);
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        _app = new BotApp(settings);
        _client = _app.CreateClient();
        _stored = new StoredState(_database);
    }

    public async Task InitializeAsync() => _connector = await FakeBotConnector.StartAsync();

    public Task DisposeAsync() => Teardown.DisposeAllAsync(_client, _app, _stored, _database, _connector);
}

public sealed class SqliteReminderDeliveryTests() : ReminderDeliveryTests("Sqlite");

public sealed class PostgresReminderDeliveryTests() : ReminderDeliveryTests("Postgres");

using System.Text;
using System.Text.Json;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Storage;
using KyodoBot.Tests.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace KyodoBot.Tests.Evaluations;

/// <summary>
/// Projects, the reminder sweep and the card verbs on a real SQLite database, with the proactive port mocked and the
/// clock fake (29 Nov 2026 10:00 JST at the start).
/// </summary>
public sealed class EvaluationFlowTests : IAsyncLifetime
{
    private const string Department = "市民活動推進課";
    private const string ThreadId = BotTestHost.ChannelId + ";messageid=";
    private BotTestHost _host = NewHost();
    private int _posts;

    private static BotTestHost NewHost() => new(new Dictionary<string, string?> { ["Kyodo:Admins:0"] = "aad-admin" });

    private IReminderSweep Sweep => _host.Services.GetRequiredService<IReminderSweep>();
    private TurnRouter Router => _host.Services.GetRequiredService<TurnRouter>();
    private EvaluationStore Store => _host.Services.GetRequiredService<EvaluationStore>();
    private ReminderOutbox Outbox => _host.Services.GetRequiredService<ReminderOutbox>();

    [Fact]
    public async Task RegisteredProject_PlansReminders_SevenDaysBeforeAndOnTheDay_At0900Tokyo_OnBusinessDays()
    {
        var project = await RegisterAsync(new DateOnly(2027, 4, 1), new DateOnly(2028, 3, 31), ScheduleKind.Quarterly);

        var history = (await Store.HistoryAsync(project.Reference, default))!;
        Assert.Equal(["2027-07-01", "2027-10-01", "2028-01-01", "2028-03-31"], history.Dues.Select(d => ProjectService.Format(d.DueDate)));
        Assert.True(history.Dues[^1].IsFinal);
        var reminders = await RemindersAsync();
        var newYear = reminders.Where(r => r.DueId == history.Dues[2].Id).OrderBy(r => r.SendAtMs).ToList();
        // 2027-12-25 is a Saturday → Friday 24th; 1 January and the year-end closure → Tuesday 28 December.
        Assert.Equal(new DateTimeOffset(2027, 12, 24, 9, 0, 0, TimeSpan.FromHours(9)), newYear[0].SendAt);
        Assert.Equal(ReminderKind.Advance, newYear[0].Kind);
        Assert.Equal(new DateTimeOffset(2027, 12, 28, 9, 0, 0, TimeSpan.FromHours(9)), newYear[1].SendAt);
        Assert.Equal(ReminderKind.DueDay, newYear[1].Kind);
        Assert.Equal(ReminderKind.Overdue, newYear[2].Kind);
        Assert.Equal(new DateOnly(2028, 1, 6), newYear[2].Day);
    }

    [Fact]
    public async Task Sweep_PostsTheDueCardsOnce_IntoTheDepartmentsChannel_WithUserTextInTextRuns()
    {
        await RegisterDepartmentAsync();
        var project = await RegisterAsync(new DateOnly(2026, 12, 1), new DateOnly(2027, 3, 31), ScheduleKind.Dates, title: "**太字** [罠](https://evil.example)",
            dates: [new DateOnly(2026, 12, 10)]);
        var cards = CapturePosts();

        var before = await Sweep.RunAsync(At(2026, 12, 2, 8, 59), default);
        var first = await Sweep.RunAsync(At(2026, 12, 3, 9, 0), default);
        var again = await Sweep.RunAsync(At(2026, 12, 3, 9, 0), default);

        Assert.Equal(0, before.Sent);
        Assert.Equal(1, first.Sent);
        Assert.Equal(0, again.Sent);
        var card = Assert.Single(cards);
        Assert.Contains("評価の期限が近づいています", card);
        Assert.Contains("**太字** [罠](https://evil.example)", TextRuns(card));
        Assert.DoesNotContain("evil.example", TextBlocks(card));
        Assert.Contains("課題は解決されているか", card);
        Assert.Contains("事業は適正に行われているか", card);
        Assert.Contains("evaluation.record", card);
        Assert.Contains("evaluation.snooze", card);
        Assert.Contains("evaluation.details", card);
        Assert.True(Encoding.UTF8.GetByteCount(card) < 80 * 1024, "card under 80 KB");
        var sent = (await RemindersAsync()).Single(r => r.State == ReminderState.Sent);
        Assert.Equal("1", sent.PostedActivityId);
        Assert.Equal(project.Id, sent.ProjectId);
    }

    [Fact]
    public async Task Record_OnTheCard_ReplacesItForEveryone_CancelsTheRestAndTheSecondRecordIsTold()
    {
        var due = await DeliveredDueAsync();
        var data = Data(due, new() { ["issueRating"] = "4", ["conductRating"] = "5", ["principles"] = "6,7,9", ["comments"] = "<b>順調</b>", ["nextSteps"] = "次年度も継続" });

        var result = await Router.ExecuteAsync(ChannelTurn(), "evaluation.record", data, default);
        var again = await Router.ExecuteAsync(ChannelTurn("鈴木 次郎"), "evaluation.record", data, default);

        Assert.Contains("評価を記録しました", result.CardJson);
        Assert.Contains("佐藤 一郎 さんが 2026年12月3日 09:00 に記録しました", result.CardJson);
        Assert.Contains("<b>順調</b>", TextRuns(result.CardJson!));
        Assert.DoesNotContain("evaluation.record", result.CardJson);
        Assert.Contains("すでに 佐藤 一郎 さんが記録", again.Message);
        var record = await SingleAsync<EvaluationRecord>();
        Assert.Equal((4, 5, "6,7"), (record.IssueRating, record.ConductRating, record.PrincipleChecks));
        Assert.DoesNotContain(await RemindersAsync(), r => r.State == ReminderState.Pending && r.DueId == due.Id);
        _host.Messenger.Verify(m => m.UpdateAsync(It.Is<PostedMessage>(p => p.ActivityId == "1"), It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("", "3")]
    [InlineData("0", "3")]
    [InlineData("6", "3")]
    [InlineData("three", "3")]
    public async Task Record_WithoutBothRatings_ComesBackOnTheCard_WithTheValuesKept(string issue, string conduct)
    {
        var due = await DeliveredDueAsync();

        var result = await Router.ExecuteAsync(ChannelTurn(), "evaluation.record",
            Data(due, new() { ["issueRating"] = issue, ["conductRating"] = conduct, ["comments"] = "途中までの所見" }), default);

        Assert.Contains("両方選んでください", result.Message);
        Assert.Contains("evaluation.record", result.CardJson);
        Assert.Contains("途中までの所見", result.CardJson);
        Assert.Equal(0, await CountAsync<EvaluationRecord>());
    }

    [Fact]
    public async Task Record_FromAnotherChannel_IsRefused()
    {
        var due = await DeliveredDueAsync();

        var result = await Router.ExecuteAsync(ChannelTurn(channel: "19:elsewhere@thread.tacv2"), "evaluation.record",
            Data(due, new() { ["issueRating"] = "3", ["conductRating"] = "3" }), default);

        Assert.Contains("所管課のチャネル", result.Message);
        Assert.Equal(0, await CountAsync<EvaluationRecord>());
    }

    [Fact]
    public async Task Snooze_NeedsAReason_MovesTheDateAWeek_AtMostTwice_AndReplansTheReminders()
    {
        var due = await DeliveredDueAsync();

        var noReason = await Router.ExecuteAsync(ChannelTurn(), "evaluation.snooze", Data(due, new() { ["reason"] = "  " }), default);
        var first = await Router.ExecuteAsync(ChannelTurn(), "evaluation.snooze", Data(due, new() { ["reason"] = "団体の総会が延期のため" }), default);
        var second = await Router.ExecuteAsync(ChannelTurn(), "evaluation.snooze", Data(due, new() { ["reason"] = "担当者不在" }), default);
        var third = await Router.ExecuteAsync(ChannelTurn(), "evaluation.snooze", Data(due, new() { ["reason"] = "もう一度" }), default);

        Assert.Contains("理由を入力", noReason.Message);
        Assert.Contains("2026年12月17日に延期", first.Message);
        Assert.Contains("2026年12月24日に延期", second.Message);
        Assert.Contains("2回まで", third.Message);
        Assert.DoesNotContain("evaluation.snooze", second.CardJson);
        var stored = (await Store.FindDueAsync(due.Id, default))!.Due;
        Assert.Equal((new DateOnly(2026, 12, 24), 2, new DateOnly(2026, 12, 10)), (stored.DueDate, stored.SnoozeCount, stored.PlannedDate));
        var pending = (await RemindersAsync()).Where(r => r.State == ReminderState.Pending && r.DueId == due.Id).OrderBy(r => r.SendAtMs).ToList();
        // 7 days before, on the day, and 3 business days after (past the year-end closure).
        Assert.Equal([new DateOnly(2026, 12, 17), new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 4)], pending.Select(r => r.Day));
        Assert.Equal(2, await CountAsync<SnoozeRecord>());
    }

    [Fact]
    public async Task Snooze_DeliveredTwice_MovesTheDateOnce()
    {
        var due = await DeliveredDueAsync();
        var click = Data(due, new() { ["reason"] = "総会が延期", ["snoozes"] = "0" });

        var first = await Router.ExecuteAsync(ChannelTurn(), "evaluation.snooze", click, default);
        var redelivered = await Router.ExecuteAsync(ChannelTurn(), "evaluation.snooze", click, default);

        Assert.Contains("2026年12月17日に延期", first.Message);
        Assert.Contains("同時にこの評価を更新", redelivered.Message);
        Assert.Equal((new DateOnly(2026, 12, 17), 1), ((await Store.FindDueAsync(due.Id, default))!.Due.DueDate, (await Store.FindDueAsync(due.Id, default))!.Due.SnoozeCount));
        Assert.Contains("\"snoozes\":1", first.CardJson);
    }

    [Fact]
    public async Task Overdue_EscalatesOnceToTheChannelAndTheAdmins_ThenWeekly_NeverDaily()
    {
        await AdminOpensPersonalChatAsync();
        var due = await DeliveredDueAsync();
        var cards = CapturePosts();

        // Due Thursday 10 Dec; three business days later is Tuesday 15 Dec.
        var early = await Sweep.RunAsync(At(2026, 12, 14, 9, 0), default);
        var escalated = await Sweep.RunAsync(At(2026, 12, 15, 9, 0), default);
        var nextDay = await Sweep.RunAsync(At(2026, 12, 16, 9, 0), default);
        var nextWeek = await Sweep.RunAsync(At(2026, 12, 22, 9, 0), default);

        Assert.Equal(1, early.Sent);   // the due-day card of the 10th
        Assert.Equal(1, escalated.Sent);
        Assert.Equal(0, nextDay.Sent);
        Assert.Equal(1, nextWeek.Sent);
        Assert.Equal(2, cards.Count(c => c.Contains("評価が期限を過ぎています")));
        _host.Messenger.Verify(m => m.SendToUserAsync("29:admin", It.Is<OutgoingMessage>(o => o.Text!.Contains("期限（2026年12月10日）を過ぎても")), It.IsAny<CancellationToken>()),
            Times.Exactly(2));
        Assert.Contains(await RemindersAsync(), r => r.Kind == ReminderKind.Overdue && r.State == ReminderState.Pending && r.Day == new DateOnly(2027, 1, 4));
        _ = due;
    }

    [Fact]
    public async Task AfterDowntime_OnlyTheLatestCardOfAnEvaluationIsSent_AndEscalationsDoNotCatchUp()
    {
        await AdminOpensPersonalChatAsync();
        await RegisterDepartmentAsync();
        await RegisterAsync(new DateOnly(2026, 12, 1), new DateOnly(2027, 3, 31), ScheduleKind.Dates, dates: [new DateOnly(2026, 12, 10)]);
        var cards = CapturePosts();

        // Down from before the 7-day card (3 Dec) until 12 January: the 7-day, due-day and first overdue cards are all due.
        var restart = await Sweep.RunAsync(At(2027, 1, 12, 10, 0), default);
        var nextDay = await Sweep.RunAsync(At(2027, 1, 13, 9, 0), default);

        Assert.Equal(1, restart.Sent);
        Assert.Contains("評価が期限を過ぎています", Assert.Single(cards));
        Assert.Equal(0, nextDay.Sent);
        var reminders = await RemindersAsync();
        Assert.Equal(2, reminders.Count(r => r.LastError == "superseded" && r.State == ReminderState.Cancelled));
        // The next escalation is a week after the one actually sent (Tuesday 19 January), not a week after the first planned one.
        Assert.Contains(reminders, r => r.Kind == ReminderKind.Overdue && r.State == ReminderState.Pending && r.Day == new DateOnly(2027, 1, 19));
    }

    [Fact]
    public async Task Forbidden_ParksTheChannel_TellsTheAdminsOnce_AndReRegisteringDeliversTheCard()
    {
        await AdminOpensPersonalChatAsync();
        await RegisterDepartmentAsync();
        await RegisterAsync(new DateOnly(2026, 12, 1), new DateOnly(2027, 3, 31), ScheduleKind.Dates, dates: [new DateOnly(2026, 12, 10)]);
        _host.Messenger.Setup(m => m.PostToDepartmentAsync(Department, It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChannelForbiddenException(Department, new InvalidOperationException("403")));

        var refused = await Sweep.RunAsync(At(2026, 12, 3, 9, 0), default);
        var again = await Sweep.RunAsync(At(2026, 12, 3, 9, 5), default);

        Assert.Equal((0, 1), (refused.Sent, refused.Parked));
        Assert.Equal((0, 1), (again.Sent, again.Parked));
        Assert.True((await _host.Services.GetRequiredService<DepartmentRegistry>().FindAsync(Department, default))!.Inactive);
        _host.Messenger.Verify(m => m.PostToDepartmentAsync(Department, It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        _host.Messenger.Verify(m => m.SendToUserAsync("29:admin", It.Is<OutgoingMessage>(o => o.Text!.Contains("投稿を拒否")), It.IsAny<CancellationToken>()), Times.Once);

        CapturePosts();
        var channel = BotTestHost.Channel(userId: "29:admin", aadObjectId: "aad-admin");
        var replies = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録 " + Department));
        var delivered = await Sweep.RunAsync(At(2026, 12, 3, 9, 10), default);

        Assert.Contains("投稿を再開します", replies[0].Text);
        Assert.Equal(1, delivered.Sent);
    }

    [Fact]
    public async Task Forbidden_OnTheFirstCard_LeavesTheDepartmentsOtherCardsAsTheyWere()
    {
        await AdminOpensPersonalChatAsync();
        await RegisterDepartmentAsync();
        for (var i = 0; i < 3; i++)
        {
            await RegisterAsync(new DateOnly(2026, 12, 1), new DateOnly(2027, 3, 31), ScheduleKind.Dates, title: $"T{i}", dates: [new DateOnly(2026, 12, 10)]);
        }

        _host.Messenger.Setup(m => m.PostToDepartmentAsync(Department, It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChannelForbiddenException(Department, new InvalidOperationException("403")));

        var refused = await Sweep.RunAsync(At(2026, 12, 3, 9, 0), default);

        var due = (await RemindersAsync()).Where(r => r.Day == new DateOnly(2026, 12, 3)).OrderBy(r => r.Id).ToList();
        Assert.Equal((0, 3), (refused.Sent, refused.Parked));
        Assert.All(due, r => Assert.Equal((ReminderState.Pending, (string?)null), (r.State, r.ClaimedBy)));
        Assert.Equal(("channel-inactive", 1), (due[0].LastError, due[0].Attempts));
        Assert.All(due.Skip(1), r => Assert.Equal(((string?)null, 0), (r.LastError, r.Attempts)));
        _host.Messenger.Verify(m => m.PostToDepartmentAsync(Department, It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Claim_TakesOnlyTheRemindersNoOtherSenderHolds()
    {
        for (var i = 0; i < 3; i++)
        {
            await RegisterAsync(new DateOnly(2026, 12, 1), new DateOnly(2027, 3, 31), ScheduleKind.Dates, title: $"T{i}", dates: [new DateOnly(2026, 12, 10)]);
        }

        var ids = (await RemindersAsync()).Where(r => r.Day == new DateOnly(2026, 12, 3)).Select(r => r.Id).Order().ToList();
        var until = At(2026, 12, 3, 9, 5);

        var first = await Outbox.ClaimAsync([ids[1]], "sender-a", until, default);
        var second = await Outbox.ClaimAsync(ids, "sender-b", until, default);
        var third = await Outbox.ClaimAsync(ids, "sender-c", until, default);

        Assert.Equal([ids[1]], first.Order());
        Assert.Equal([ids[0], ids[2]], second.Order());
        Assert.Empty(third);
    }

    [Fact]
    public async Task TransientFailure_KeepsTheReminderPending_AndTheNextSweepDeliversIt()
    {
        await RegisterDepartmentAsync();
        await RegisterAsync(new DateOnly(2026, 12, 1), new DateOnly(2027, 3, 31), ScheduleKind.Dates, dates: [new DateOnly(2026, 12, 10)]);
        _host.Messenger.Setup(m => m.PostToDepartmentAsync(Department, It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("503 after retries"));

        var failed = await Sweep.RunAsync(At(2026, 12, 3, 9, 0), default);
        var pending = (await RemindersAsync()).Single(r => r.Kind == ReminderKind.Advance && r.Day == new DateOnly(2026, 12, 3));
        CapturePosts();
        var retried = await Sweep.RunAsync(At(2026, 12, 3, 9, 1), default);

        Assert.Equal(1, failed.Failed);
        Assert.Equal(ReminderState.Pending, pending.State);
        Assert.Contains("503", pending.LastError);
        Assert.Equal(1, retried.Sent);
    }

    [Fact]
    public async Task NoChannel_ParksTheReminders_AndTellsTheAdminsOncePerCard()
    {
        await AdminOpensPersonalChatAsync();
        await RegisterAsync(new DateOnly(2026, 12, 1), new DateOnly(2027, 3, 31), ScheduleKind.Dates, dates: [new DateOnly(2026, 12, 10)]);

        var first = await Sweep.RunAsync(At(2026, 12, 3, 9, 0), default);
        var second = await Sweep.RunAsync(At(2026, 12, 3, 9, 1), default);

        Assert.Equal(1, first.Parked);
        Assert.Equal(1, second.Parked);
        _host.Messenger.Verify(m => m.SendToUserAsync("29:admin", It.Is<OutgoingMessage>(o => o.Text!.Contains("チャネルが登録されていない")), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task TwoSweepersOnOneDatabase_PostEachReminderExactlyOnce()
    {
        await RegisterDepartmentAsync();
        for (var i = 0; i < 20; i++)
        {
            await RegisterAsync(new DateOnly(2026, 12, 1), new DateOnly(2027, 3, 31), ScheduleKind.Dates, title: $"T{i:00}", dates: [new DateOnly(2026, 12, 10)]);
        }

        var posted = CapturePosts(delay: TimeSpan.FromMilliseconds(2));
        var other = ActivatorUtilities.CreateInstance<ReminderSweep>(_host.Services);
        var results = await Task.WhenAll(Sweep.RunAsync(At(2026, 12, 3, 9, 0), default), other.RunAsync(At(2026, 12, 3, 9, 0), default));

        Assert.Equal(20, results.Sum(r => r.Sent));
        Assert.Equal(20, posted.Count);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Single(posted, c => TextRuns(c).Contains($"T{i:00}")));
    }

    [Fact]
    public async Task AcceptingAProposal_MakesItAProject_WithTheScheduleFromItsAnswers()
    {
        var project = await _host.Services.GetRequiredService<ProjectService>().OnAcceptedAsync(new Core.Proposals.Proposal
        {
            Id = 7,
            Reference = "KP-2026-0007",
            SubmitActivityId = "a",
            ProposerId = "29:user-1",
            Department = Department,
            Title = "子育てサロン",
            Organization = "NPO法人あおぞら",
            AnswersJson = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["startDate"] = "2027-04-01", ["endDate"] = "2028-03-31", ["publicFunds"] = "yes", ["evaluationSchedule"] = "semiannual",
            }),
        }, Language.Japanese, default);

        Assert.Contains("KP-2026-0007 を協働事業として登録しました", project);
        Assert.Contains("2027年10月1日、2028年3月31日", project);
        var again = await _host.Services.GetRequiredService<ProjectService>().OnAcceptedAsync(new Core.Proposals.Proposal
        {
            Id = 7, Reference = "KP-2026-0007", SubmitActivityId = "a", ProposerId = "x", Department = Department, Title = "t", Organization = "o",
            AnswersJson = "{\"startDate\":\"2027-04-01\",\"endDate\":\"2028-03-31\"}",
        }, Language.Japanese, default);
        Assert.Equal(1, await CountAsync<Project>());
        Assert.Equal(2, await CountAsync<EvaluationDue>());
        Assert.NotNull(again);
    }

    [Fact]
    public async Task ScheduleCommand_InTheDepartmentsChannel_AddsMovesAndRemovesDates_ButNeverTheFinalOne()
    {
        await RegisterDepartmentAsync();
        var project = await RegisterAsync(new DateOnly(2027, 4, 1), new DateOnly(2028, 3, 31), ScheduleKind.Semiannual);
        var channel = BotTestHost.Channel();

        var shown = await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "評価日程 " + project.Reference.ToLowerInvariant()));
        var history = (await Store.HistoryAsync(project.Reference, default))!;
        var final = history.Dues.Single(d => d.IsFinal);
        var added = await Router.ExecuteAsync(ChannelTurn(), "schedule.add", Json(new() { ["projectId"] = project.Id, ["addDate"] = "2027-06-30" }), default);
        var moved = await Router.ExecuteAsync(ChannelTurn(), "schedule.move", Json(new() { ["projectId"] = project.Id, ["moveDueId"] = history.Dues[0].Id, ["moveDate"] = "2027-11-15" }), default);
        var finalEarly = await Router.ExecuteAsync(ChannelTurn(), "schedule.move", Json(new() { ["projectId"] = project.Id, ["moveDueId"] = final.Id, ["moveDate"] = "2028-01-15" }), default);
        var past = await Router.ExecuteAsync(ChannelTurn(), "schedule.add", Json(new() { ["projectId"] = project.Id, ["addDate"] = "2026-11-28" }), default);
        var removeFinal = await Router.ExecuteAsync(ChannelTurn(), "schedule.remove", Json(new() { ["projectId"] = project.Id, ["removeDueId"] = final.Id }), default);
        var removed = await Router.ExecuteAsync(ChannelTurn(), "schedule.remove", Json(new() { ["projectId"] = project.Id, ["removeDueId"] = history.Dues[0].Id }), default);

        Assert.Contains("schedule.add", shown[0].CardJson());
        Assert.Contains("評価日（2027年6月30日）を追加", added.CardJson);
        Assert.Contains("2027年10月1日から2027年11月15日に変更", moved.CardJson);
        Assert.Contains("終了日（2028年3月31日）以降", finalEarly.Message);
        Assert.Contains("最終評価は削除できません", removeFinal.Message);
        Assert.Contains("過去の日付は指定できません", past.Message);
        Assert.Contains("評価日（2027年11月15日）を削除", removed.CardJson);
        var dates = (await Store.HistoryAsync(project.Reference, default))!.Dues.Where(d => d.State == DueState.Scheduled).Select(d => ProjectService.Format(d.DueDate));
        Assert.Equal(["2027-06-30", "2028-03-31"], dates);
    }

    [Fact]
    public async Task ScheduleCommand_ElsewhereForANonAdmin_IsReadOnly_AndEditsAreRefused()
    {
        await RegisterDepartmentAsync();
        var project = await RegisterAsync(new DateOnly(2027, 4, 1), new DateOnly(2028, 3, 31), ScheduleKind.Annual);
        var chat = BotTestHost.Personal();

        var shown = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "schedule " + project.Reference));
        var refused = await Router.ExecuteAsync(PersonalTurn(), "schedule.add", Json(new() { ["projectId"] = project.Id, ["addDate"] = "2027-06-30" }), default);

        Assert.DoesNotContain("schedule.add", shown[0].CardJson());
        Assert.Contains("所管課のチャネルまたは管理者", refused.Message);
        Assert.Single((await Store.HistoryAsync(project.Reference, default))!.Dues);
    }

    [Fact]
    public async Task Schedule_WhereTheCityLanguageIsEnglish_IsAnsweredInEnglish()
    {
        await _host.DisposeAsync();
        _host = new BotTestHost(new Dictionary<string, string?> { ["Kyodo:Admins:0"] = "aad-admin", ["Kyodo:DefaultLanguage"] = "en" });
        var project = await RegisterAsync(new DateOnly(2027, 4, 1), new DateOnly(2028, 3, 31), ScheduleKind.Semiannual);
        var chat = BotTestHost.Personal(locale: "en-US");

        var replies = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "schedule " + project.Reference));
        var missing = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "history"));

        var card = replies[0].CardJson();
        Assert.Contains($"Evaluation schedule ({project.Reference})", card);
        Assert.Contains("Every six months", card);
        Assert.Contains("October 1, 2027", card);
        Assert.Contains("Please give the project number", missing[0].Text);
    }

    [Theory]
    [InlineData("kp-2027-0001", "KP-2027-0001")]
    [InlineData("ＫＰ－２０２７－０００１ について", "KP-2027-0001")]
    [InlineData("PJ-2026-12", "PJ-2026-12")]
    [InlineData("for evaluation?", null)]
    [InlineData("", null)]
    [InlineData("KP-27-1", null)]
    public void ProjectReference_IsNormalised_OrRefused(string text, string? expected) =>
        Assert.Equal(expected, ProjectReference.Normalize(text));

    [Fact]
    public async Task History_ShowsRecordedEvaluationsAndSnoozes()
    {
        var due = await DeliveredDueAsync();
        await Router.ExecuteAsync(ChannelTurn(), "evaluation.snooze", Data(due, new() { ["reason"] = "総会延期" }), default);
        await Router.ExecuteAsync(ChannelTurn(), "evaluation.record", Data(due, new() { ["issueRating"] = "2", ["conductRating"] = "4", ["comments"] = "参加者が少ない" }), default);
        var chat = BotTestHost.Personal();
        var reference = (await SingleAsync<Project>()).Reference;

        var replies = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "評価履歴 " + reference));
        var unknown = await chat.SendAsync(_host.Bot, BotTestHost.Message(chat, "評価履歴 KP-1999-0001"));

        var card = replies[0].CardJson();
        Assert.Contains("2 / 5（あまりできていない）", card);
        Assert.Contains("参加者が少ない", card);
        Assert.Contains("総会延期", card);
        Assert.Contains("見つかりませんでした", unknown[0].Text);
    }

    [Fact]
    public async Task RegisterProjectCard_IsForAdmins_ValidatesOnTheServer_AndRegisters()
    {
        var router = Router;
        var notAdmin = await router.ExecuteAsync(PersonalTurn(), "project.register", Json(new() { ["title"] = "x" }), default);
        var admin = PersonalTurn() with { AadObjectId = "aad-admin" };
        var wrong = await router.ExecuteAsync(admin, "project.register",
            Json(new() { ["title"] = "見守り事業", ["organization"] = "町内会", ["department"] = Department, ["startDate"] = "2027-04-01", ["endDate"] = "2026-04-01", ["schedule"] = "annual" }), default);
        var good = await router.ExecuteAsync(admin, "project.register",
            Json(new() { ["title"] = "見守り事業", ["organization"] = "町内会", ["department"] = Department, ["startDate"] = "2026-04-01", ["endDate"] = "2028-03-31", ["schedule"] = "annual" }), default);

        Assert.Contains("管理者のみ", notAdmin.Message);
        Assert.Contains("終了日は開始日以降", wrong.CardJson);
        Assert.Contains("見守り事業", wrong.CardJson);
        Assert.Contains("PJ-2026-0001 として登録しました", good.CardJson);
        // Started before today: the past anniversary (2027-04-01 is ahead, kept) and the final one.
        Assert.Equal(["2027-04-01", "2028-03-31"], (await Store.HistoryAsync("PJ-2026-0001", default))!.Dues.Select(d => ProjectService.Format(d.DueDate)));
    }

    [Fact]
    public async Task RegisterProjectCard_EndDateTooFar_IsRefusedOnTheCard_AndNothingIsScheduled()
    {
        var admin = PersonalTurn() with { AadObjectId = "aad-admin" };

        var refused = await Router.ExecuteAsync(admin, "project.register",
            Json(new() { ["title"] = "見守り事業", ["organization"] = "町内会", ["department"] = Department, ["startDate"] = "2027-04-01", ["endDate"] = "2999-12-31", ["schedule"] = "quarterly" }), default);

        Assert.Contains("実施期間は最長10年です。終了日は開始日から10年以内（2037-04-01まで）", refused.CardJson);
        Assert.Equal(0, await CountAsync<Project>());
        Assert.Equal(0, await CountAsync<Reminder>());
    }

    [Fact]
    public async Task RegisterProjectCard_UnreadableEvaluationDate_IsRefusedOnTheCard_NotDropped()
    {
        var admin = PersonalTurn() with { AadObjectId = "aad-admin" };

        var refused = await Router.ExecuteAsync(admin, "project.register",
            Json(new()
            {
                ["title"] = "見守り事業", ["organization"] = "町内会", ["department"] = Department, ["startDate"] = "2027-04-01",
                ["endDate"] = "2028-03-31", ["schedule"] = "dates", ["dates"] = "2027-10-01, そのうち"
            }), default);

        Assert.Contains("評価日に読み取れない日付があります", refused.CardJson);
        Assert.Contains("そのうち", refused.CardJson);
        Assert.Equal(0, await CountAsync<Project>());
    }

    [Fact]
    public async Task ScheduleAdd_WhenTheProjectHasTheMostDates_IsRefused()
    {
        await RegisterDepartmentAsync();
        var project = await RegisterAsync(new DateOnly(2027, 4, 1), new DateOnly(2037, 4, 1), ScheduleKind.Quarterly);

        var full = await Router.ExecuteAsync(ChannelTurn(), "schedule.add", Json(new() { ["projectId"] = project.Id, ["addDate"] = "2027-05-15" }), default);

        Assert.Equal(40, await CountAsync<EvaluationDue>());
        Assert.Contains("最大40回まで", full.Message);
    }

    [Fact]
    public async Task Export_Csv_HasTheBom_QuotesAndDefusesFormulas_Json_HasTheEvaluations()
    {
        var due = await DeliveredDueAsync();
        await Router.ExecuteAsync(ChannelTurn(), "evaluation.record",
            Data(due, new() { ["issueRating"] = "3", ["conductRating"] = "4", ["comments"] = "=HYPERLINK(\"x\"), \"引用\"\n改行" }), default);
        var histories = await Store.AllHistoriesAsync(default);
        using var stream = new MemoryStream();

        await EvaluationExport.WriteCsvAsync(stream, histories, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), default);
        var bytes = stream.ToArray();
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var json = EvaluationExport.Json(histories, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("reference,title,organization", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\"), \"\"引用\"\"\n改行\"", csv);
        Assert.Contains("2026-12-10,2026-12-10,no,recorded,0,,2026-12-03T09:00:00+09:00,佐藤 一郎,3,4", csv);
        using var document = JsonDocument.Parse(json);
        var evaluation = document.RootElement[0].GetProperty("evaluations")[0];
        Assert.Equal(3, evaluation.GetProperty("record").GetProperty("issueRating").GetInt32());
        Assert.Contains("改行", json);
    }

    // ---- helpers ----

    private async Task<EvaluationDue> DeliveredDueAsync()
    {
        await RegisterDepartmentAsync();
        await RegisterAsync(new DateOnly(2026, 12, 1), new DateOnly(2027, 3, 31), ScheduleKind.Dates, dates: [new DateOnly(2026, 12, 10)]);
        CapturePosts();
        _host.Time.SetUtcNow(At(2026, 12, 3, 9, 0));
        Assert.Equal(1, (await Sweep.RunAsync(_host.Time.GetUtcNow(), default)).Sent);
        return (await Store.HistoryAsync((await FirstProjectAsync()).Reference, default))!.Dues[0];
    }

    private async Task<Project> FirstProjectAsync()
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        return await db.Projects.AsNoTracking().OrderBy(p => p.Id).FirstAsync();
    }

    private Task<Project> RegisterAsync(DateOnly start, DateOnly end, ScheduleKind kind, string title = "子育てサロン", DateOnly[]? dates = null) =>
        _host.Services.GetRequiredService<ProjectService>().RegisterAsync(
            new ProjectRegistration(title, "NPO法人あおぞら", Department, start, end, true, kind, dates ?? [], "test"), default);

    private List<string> CapturePosts(TimeSpan? delay = null)
    {
        var cards = new List<string>();
        _host.Messenger.Setup(m => m.PostToDepartmentAsync(Department, It.IsAny<OutgoingMessage>(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, OutgoingMessage message, CancellationToken _) =>
            {
                if (delay is { } d)
                {
                    await Task.Delay(d);
                }

                lock (cards)
                {
                    cards.Add(message.CardJson!);
                }

                var id = Interlocked.Increment(ref _posts).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new PostedMessage(ThreadId + id, id, "https://smba.example.test/jp/", BotTestHost.TenantId);
            });
        return cards;
    }

    private async Task RegisterDepartmentAsync()
    {
        // Registering a department is for admins once admins are configured.
        var channel = BotTestHost.Channel(userId: "29:admin", aadObjectId: "aad-admin");
        await channel.SendAsync(_host.Bot, BotTestHost.Message(channel, "登録 " + Department));
    }

    private async Task AdminOpensPersonalChatAsync()
    {
        var admin = BotTestHost.Personal(userId: "29:admin", aadObjectId: "aad-admin");
        await admin.SendAsync(_host.Bot, BotTestHost.Message(admin, "ヘルプ"));
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    private static IncomingTurn ChannelTurn(string name = "佐藤 一郎", string channel = BotTestHost.ChannelId) => new()
    {
        ActivityId = Guid.NewGuid().ToString("N"),
        UserId = "29:reviewer",
        UserName = name,
        AadObjectId = "aad-reviewer",
        ConversationId = channel + ";messageid=1",
        Kind = ConversationKind.Channel,
        ChannelId = channel,
    };

    private static IncomingTurn PersonalTurn() => new()
    {
        ActivityId = Guid.NewGuid().ToString("N"),
        UserId = "29:user-1",
        UserName = "山田 花子",
        AadObjectId = "aad-user-1",
        ConversationId = "a:personal",
        Kind = ConversationKind.Personal,
    };

    private static JsonElement Data(EvaluationDue due, Dictionary<string, object?> values)
    {
        values["dueId"] = due.Id;
        values["lang"] = "ja";
        return JsonSerializer.SerializeToElement(values);
    }

    private static JsonElement Json(Dictionary<string, object?> values)
    {
        values["lang"] = "ja";
        return JsonSerializer.SerializeToElement(values);
    }

    /// <summary>The texts of every TextRun (where user text belongs) and of every TextBlock (Markdown) in a card.</summary>
    private static List<string> TextRuns(string card) => Texts(card, "TextRun");

    private static string TextBlocks(string card) => string.Join("\n", Texts(card, "TextBlock"));

    private static List<string> Texts(string card, string type)
    {
        var found = new List<string>();
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                if (e.TryGetProperty("type", out var t) && t.GetString() == type && e.TryGetProperty("text", out var text))
                {
                    found.Add(text.GetString()!);
                }

                foreach (var p in e.EnumerateObject())
                {
                    Walk(p.Value);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item);
                }
            }
        }

        using var document = JsonDocument.Parse(card);
        Walk(document.RootElement);
        return found;
    }

    private async Task<List<Reminder>> RemindersAsync()
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        return await db.Reminders.AsNoTracking().ToListAsync();
    }

    private async Task<T> SingleAsync<T>() where T : class
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        return await db.Set<T>().AsNoTracking().SingleAsync();
    }

    private async Task<int> CountAsync<T>() where T : class
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        return await db.Set<T>().CountAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

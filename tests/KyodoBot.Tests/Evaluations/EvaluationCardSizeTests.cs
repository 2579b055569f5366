using System.Text;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using KyodoBot.Tests.Cards;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Tests.Evaluations;

/// <summary>Teams refuses cards over 80 KB (the whole activity is limited to about 100 KB): the worst cases stay well under.</summary>
public sealed class EvaluationCardSizeTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly BotTestHost _host = new();

    [Fact]
    public async Task Details_OfAProjectWithManyLongEvaluations_ShowsTheLatest_AndStaysUnder80KB()
    {
        var services = _host.Services;
        var longest = new string('あ', RecordEvaluationAction.MaxTextLength);
        var dates = Enumerable.Range(0, 20).Select(i => new DateOnly(2027, 1, 4).AddDays(7 * i)).ToArray();
        var project = await services.GetRequiredService<ProjectService>().RegisterAsync(new ProjectRegistration(
            new string('題', 200), new string('団', 200), "市民活動推進課", new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 31), true,
            ScheduleKind.Dates, dates, "test"), default);
        var store = services.GetRequiredService<EvaluationStore>();
        var history = (await store.HistoryAsync(project.Reference, default))!;
        await RecordAtTheLongestAsync(store, project, history.Dues, longest);

        history = (await store.HistoryAsync(project.Reference, default))!;
        var cards = services.GetRequiredService<EvaluationCards>();
        var details = cards.Details(history, Language.Japanese);
        var reminder = cards.Reminder(new DueReminder(new Reminder { Id = 1, Kind = ReminderKind.Overdue }, history.Dues[0], project), Language.Japanese,
            error: "x", input: new EvaluationCards.RecordInput("3", "4", "1,2", longest, longest));

        Assert.Equal(21, history.Evaluations.Count);
        Assert.Contains("最新の8件を表示しています（全21件）", details);
        Assert.True(Encoding.UTF8.GetByteCount(details) < 80 * 1024, $"details card is {Encoding.UTF8.GetByteCount(details)} bytes");
        Assert.True(Encoding.UTF8.GetByteCount(reminder) < 80 * 1024, $"reminder card is {Encoding.UTF8.GetByteCount(reminder)} bytes");
    }

    [Fact]
    public async Task ScheduleAndDetails_OfTheLongestQuarterlyProject_WithEveryTextAtItsLongest_StayUnder80KB()
    {
        var services = _host.Services;
        var longest = new string('あ', RecordEvaluationAction.MaxTextLength);
        var project = await services.GetRequiredService<ProjectService>().RegisterAsync(new ProjectRegistration(
            new string('題', 200), new string('団', 200), new string('課', 50), new DateOnly(2027, 4, 1), new DateOnly(2037, 4, 1), true,
            ScheduleKind.Quarterly, [], "test"), default);
        var store = services.GetRequiredService<EvaluationStore>();
        var history = (await store.HistoryAsync(project.Reference, default))!;
        await using (var db = await services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync())
        {
            foreach (var due in history.Dues)
            {
                db.Snoozes.AddRange(Enumerable.Range(0, 2).Select(n => new SnoozeRecord
                {
                    DueId = due.Id, ProjectId = project.Id, SnoozedBy = "aad", SnoozedByName = new string('名', 100), SnoozedAt = _host.Time.GetUtcNow(),
                    Reason = new string('理', SnoozeEvaluationAction.MaxReasonLength), FromDate = due.DueDate.AddDays(7 * n), ToDate = due.DueDate.AddDays(7 * (n + 1)),
                }));
            }

            await db.SaveChangesAsync();
        }

        await RecordAtTheLongestAsync(store, project, history.Dues.Take(history.Dues.Count - 5), longest);

        history = (await store.HistoryAsync(project.Reference, default))!;
        var cards = services.GetRequiredService<EvaluationCards>();

        var schedule = cards.Schedule(history, Language.Japanese, canEdit: true, notice: new string('知', 500), noticeIsError: true);
        var details = cards.Details(history, Language.Japanese);
        var english = cards.Details(history, Language.English);

        Assert.Equal(40, history.Dues.Count);
        AssertUnder80KB(schedule, "schedule");
        AssertUnder80KB(details, "details");
        AssertUnder80KB(english, "details (English)");
    }

    [Fact]
    public async Task ScheduleAndDetails_OfAProjectMadeBeforeTheBounds_With3891Dates_AreCut_AndStayUnder80KB()
    {
        var services = _host.Services;
        var store = services.GetRequiredService<EvaluationStore>();
        // What a quarterly project ending 2999-12-31 made before the bounds: 3,891 dates (reminders left out here).
        var dues = Enumerable.Range(1, 3890).Select(k => new ScheduledDue(new DateOnly(2026, 12, 1).AddMonths(3 * k), IsFinal: false))
            .Append(new ScheduledDue(new DateOnly(2999, 12, 31), IsFinal: true)).ToList();
        var (project, _) = await store.CreateProjectAsync(new Project
        {
            Reference = "KP-2026-0001", Title = new string('題', 200), Organization = new string('団', 200), Department = "市民活動推進課",
            StartDate = new DateOnly(2026, 12, 1), EndDate = new DateOnly(2999, 12, 31), PublicFunds = true, Schedule = ScheduleKind.Quarterly,
        }, dues, _ => [], default);
        var history = (await store.HistoryAsync(project.Reference, default))!;
        var cards = services.GetRequiredService<EvaluationCards>();

        var schedule = cards.Schedule(history, Language.Japanese, canEdit: true);
        var details = cards.Details(history, Language.Japanese);

        Assert.Equal(3891, history.Dues.Count);
        AssertUnder80KB(schedule, "schedule");
        AssertUnder80KB(details, "details");
        Assert.Contains("2999年12月31日", schedule);
        Assert.Contains("ほか3,851件", schedule);
    }

    /// <summary>Every given evaluation recorded with the longest texts a card accepts.</summary>
    private async Task RecordAtTheLongestAsync(EvaluationStore store, Project project, IEnumerable<EvaluationDue> dues, string longest)
    {
        foreach (var due in dues)
        {
            Assert.True(await store.RecordAsync(new EvaluationRecord
            {
                DueId = due.Id, ProjectId = project.Id, DueDate = due.DueDate, RecordedBy = "aad", RecordedByName = new string('名', 100),
                RecordedAt = _host.Time.GetUtcNow(), IssueRating = 3, ConductRating = 4, PrincipleChecks = "1,2,3,4,5,6,7",
                Comments = longest, NextSteps = longest,
            }, default));
        }
    }

    private void AssertUnder80KB(string card, string name) => CardSize.AssertUnder80KB(output, card, name);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

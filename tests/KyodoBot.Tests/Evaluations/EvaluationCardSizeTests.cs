using System.Text;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Evaluations;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Tests.Evaluations;

/// <summary>Teams refuses cards over 80 KB (the whole activity is limited to about 100 KB): the worst cases stay well under.</summary>
public sealed class EvaluationCardSizeTests : IAsyncLifetime
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
        foreach (var due in history.Dues)
        {
            Assert.True(await store.RecordAsync(new EvaluationRecord
            {
                DueId = due.Id, ProjectId = project.Id, DueDate = due.DueDate, RecordedBy = "aad", RecordedByName = new string('名', 100),
                RecordedAt = _host.Time.GetUtcNow(), IssueRating = 3, ConductRating = 4, PrincipleChecks = "1,2,3,4,5,6,7",
                Comments = longest, NextSteps = longest,
            }, default));
        }

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

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

using KyodoBot.Core.Ask;
using KyodoBot.Core.Text;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KyodoBot.IntegrationTests.Storage;

/// <summary>
/// An editor's decision takes a question off 未回答一覧, on both databases (the <c>question_decisions</c> migration):
/// "not in the manual" for good, "added as a phrasing" only with what was asked before it.
/// </summary>
public sealed class QuestionDecisionTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero));

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task DecidedQuestions_LeaveTheList_APhrasingThatDidNotHelpComesBack(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BotApp(BotApp.Anonymous(database), services => services.AddSingleton<TimeProvider>(_clock));
        using var client = app.CreateClient(); // starts the host: the database is migrated
        var log = app.Services.GetRequiredService<QuestionLog>();
        await AskAsync(log, "a1", "補助金の締切はいつ？");
        await AskAsync(log, "a2", "仕事をまるなげしていい？");
        await AskAsync(log, "a3", "会議室の予約方法は？");

        await log.DecideAsync("補助金の締切はいつ?", DecisionKind.NotInManual, null, "aad-admin", CancellationToken.None);
        await log.DecideAsync("仕事をまるなげしていい？", DecisionKind.Phrasing, "principle-3", "aad-admin", CancellationToken.None);
        await log.DecideAsync("仕事をまるなげしていい？", DecisionKind.Phrasing, "principle-3", "aad-admin", CancellationToken.None); // a second press
        _clock.Advance(TimeSpan.FromDays(1));
        await AskAsync(log, "a4", "補助金の 締切はいつ？"); // asked again after the decision: still decided

        Assert.Equal(["会議室の予約方法は?"], (await log.UnansweredAsync(null, 20, CancellationToken.None)).Select(l => l.Question));

        await AskAsync(log, "a5", "仕事をまるなげしていい？"); // refused again after the phrasing was added: back on the list
        Assert.Equal(["仕事をまるなげしていい?", "会議室の予約方法は?"], (await log.UnansweredAsync(null, 20, CancellationToken.None)).Select(l => l.Question));
    }

    private static Task AskAsync(QuestionLog log, string activityId, string question) =>
        log.RecordAsync(new QuestionRecord
        {
            ActivityId = activityId,
            UserId = "29:u",
            ConversationId = "c",
            Question = TextNormalizer.Normalize(question),
            Answered = false,
        }, CancellationToken.None);
}

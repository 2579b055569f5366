using KyodoBot.Core.Ask;
using KyodoBot.Core.Text;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KyodoBot.IntegrationTests.Storage;

/// <summary>
/// An editor's decision takes a question off 未回答一覧, on both databases (the <c>question_decisions</c> migration):
/// "not in the manual" for good, "added as a phrasing" only with what was asked before it; and the asker's pick under a
/// refusal (<c>question_picks</c>) is listed with the question.
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

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    /// <summary>
    /// The asker's pick under a refusal (the <c>question_picks</c> migration): only the asker's own click on an
    /// unanswered question counts, once per section; the list names the most picked first, and the question stays.
    /// </summary>
    public async Task AskersPicks_AreListedMostPickedFirst_OthersClicksAreNot(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BotApp(BotApp.Anonymous(database), services => services.AddSingleton<TimeProvider>(_clock));
        using var client = app.CreateClient(); // starts the host: the database is migrated
        var log = app.Services.GetRequiredService<QuestionLog>();
        await AskAsync(log, "a1", "事業を毎年そのまま続けていていい？", "29:yamada");
        await AskAsync(log, "a2", "事業を毎年そのまま続けていていい？", "29:sato");
        await AskAsync(log, "a3", "会議室の予約方法は？", "29:sato");

        Assert.True(await log.PickAsync("a1", "29:yamada", "principle-1", CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await log.PickAsync("a1", "29:yamada", "principle-7", CancellationToken.None));
        Assert.True(await log.PickAsync("a2", "29:sato", "principle-7", CancellationToken.None));
        Assert.True(await log.PickAsync("a2", "29:sato", "principle-7", CancellationToken.None)); // a second click
        Assert.False(await log.PickAsync("a3", "29:yamada", "principle-5", CancellationToken.None)); // not their question
        Assert.False(await log.PickAsync("unknown", "29:yamada", "principle-5", CancellationToken.None));

        var lines = await log.UnansweredAsync(null, 20, CancellationToken.None);

        Assert.Equal(["principle-7", "principle-1"], lines.Single(l => l.Question.StartsWith("事業を", StringComparison.Ordinal)).Picked);
        Assert.Empty(lines.Single(l => l.Question.StartsWith("会議室", StringComparison.Ordinal)).Picked);
    }

    private static Task AskAsync(QuestionLog log, string activityId, string question, string userId = "29:u") =>
        log.RecordAsync(new QuestionRecord
        {
            ActivityId = activityId,
            UserId = userId,
            ConversationId = "c",
            Question = TextNormalizer.Normalize(question),
            Answered = false,
        }, CancellationToken.None);
}

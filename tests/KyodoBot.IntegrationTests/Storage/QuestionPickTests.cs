using KyodoBot.Core.Ask;
using KyodoBot.Core.Text;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KyodoBot.IntegrationTests.Storage;

/// <summary>
/// The asker's pick under a refusal, on both databases (the <c>question_picks</c> migration): only the asker's own
/// click on an unanswered question counts, once per section, and 未回答一覧 lists the most picked section first while
/// the question stays listed.
/// </summary>
public sealed class QuestionPickTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero));

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AskersPicks_AreListedMostPickedFirst_OthersClicksAreNot(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BotApp(BotApp.Anonymous(database), services => services.AddSingleton<TimeProvider>(_clock));
        using var client = app.CreateClient(); // starts the host: the database is migrated
        var log = app.Services.GetRequiredService<QuestionLog>();
        await AskAsync(log, "a1", "29:yamada", "事業を毎年そのまま続けていていい？");
        await AskAsync(log, "a2", "29:sato", "事業を毎年そのまま続けていていい？");
        await AskAsync(log, "a3", "29:sato", "会議室の予約方法は？");

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

    private static Task AskAsync(QuestionLog log, string activityId, string userId, string question) =>
        log.RecordAsync(new QuestionRecord
        {
            ActivityId = activityId,
            UserId = userId,
            ConversationId = "c",
            Question = TextNormalizer.Normalize(question),
            Answered = false,
        }, CancellationToken.None);
}

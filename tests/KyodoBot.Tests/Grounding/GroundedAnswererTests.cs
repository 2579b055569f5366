using KyodoBot.Core.Conversations;
using KyodoBot.Core.Grounding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace KyodoBot.Tests.Grounding;

public sealed class GroundedAnswererTests
{
    private static readonly GroundingPassage Disclosure = new(
        "ch3-6", "3章 6 情報を公開しよう（公開の原則）", "協働事業の内容や成果を市民に公開し、透明性を確保します。");
    private static readonly GroundingPassage TimeLimit = new(
        "ch3-7", "3章 7 期限を決めよう（時限性の原則）", "協働事業には期限を設け、定期的に評価・見直しを行います。");
    private static readonly GroundingPassage PublicMoney = new(
        "ch3-note", "3章 ☆ 公金を使う協働", "公金を使う狭義の協働では、公開の原則と時限性の原則が欠かせません。");
    private static readonly GroundingPassage[] Passages = [Disclosure, TimeLimit, PublicMoney];

    private const string Question = "公金を使う協働事業で欠かせない原則は？";

    /// <summary>Guards against a hang without ever being reached; shorter than any timeout under test.</summary>
    private static readonly TimeSpan RealTimeSafetyNet = TimeSpan.FromSeconds(2);

    private readonly Mock<IChatClient> _chat = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _time = new();
    private IList<ChatMessage>? _sentMessages;
    private ChatOptions? _sentOptions;
    private CancellationToken _sentToken;

    [Fact]
    public async Task TryAnswer_SendsGroundingRulesNumberedPassagesAndQuestion()
    {
        ModelReplies("公開の原則と時限性の原則です[3]。");

        await Answerer().TryAnswerAsync(Question, Language.Japanese, Passages, CancellationToken.None);

        Assert.NotNull(_sentMessages);
        Assert.Equal([ChatRole.System, ChatRole.User], _sentMessages.Select(m => m.Role));
        var system = _sentMessages[0].Text;
        Assert.Contains("ONLY from the numbered passages", system);
        Assert.Contains("never invent facts", system);
        Assert.Contains("[n]", system);
        Assert.Contains("reply with exactly NO_ANSWER", system);
        Assert.Contains("Answer in Japanese", system);
        Assert.Contains("です・ます", system);
        Assert.Contains("at most 400 characters", system);
        Assert.DoesNotContain("80 words", system);

        var user = _sentMessages[1].Text;
        Assert.Contains("[1] 3章 6 情報を公開しよう（公開の原則）\n協働事業の内容や成果を市民に公開し、透明性を確保します。", user);
        Assert.Contains("[2] 3章 7 期限を決めよう（時限性の原則）\n", user);
        Assert.Contains("[3] 3章 ☆ 公金を使う協働\n公金を使う狭義の協働では", user);
        Assert.EndsWith("Question: " + Question, user);
        Assert.True(user.IndexOf("[1]", StringComparison.Ordinal) < user.IndexOf("[2]", StringComparison.Ordinal));

        Assert.NotNull(_sentOptions);
        Assert.True(_sentOptions.Temperature <= 0.1f);
        Assert.InRange(_sentOptions.MaxOutputTokens ?? int.MaxValue, 100, 1000);
    }

    [Fact]
    public async Task TryAnswer_InEnglish_AsksForAShortEnglishAnswer()
    {
        ModelReplies("Disclosure and time limits are indispensable [3].");

        await Answerer().TryAnswerAsync("Which principles are indispensable when public money is spent?", Language.English, Passages, CancellationToken.None);

        var system = _sentMessages![0].Text;
        Assert.Contains("Answer in English", system);
        Assert.Contains("at most 80 words", system);
        Assert.DoesNotContain("です・ます", system);
        Assert.Contains("ONLY from the numbered passages", system);
    }

    [Fact]
    public async Task TryAnswer_ModelCitesPassages_ReturnsTextAndCitedPassagesInMarkerOrder()
    {
        ModelReplies("公金を使う協働では公開の原則と時限性の原則が欠かせません[3]。成果は市民に公開し[1]、期限を設けて評価します[2][3]。");

        var answer = await Answerer().TryAnswerAsync(Question, Language.Japanese, Passages, CancellationToken.None);

        Assert.NotNull(answer);
        Assert.True(answer.Answered);
        Assert.Equal("公金を使う協働では公開の原則と時限性の原則が欠かせません[3]。成果は市民に公開し[1]、期限を設けて評価します[2][3]。", answer.Text);
        Assert.Equal([PublicMoney, Disclosure, TimeLimit], answer.Cited);
    }

    [Theory]
    [InlineData("公開が必要です［2］。", "公開が必要です[2]。", new[] { 2 })]
    [InlineData("公開が必要です【１】。", "公開が必要です[1]。", new[] { 1 })]
    [InlineData("公開と評価が必要です[1, 3]。", "公開と評価が必要です[1][3]。", new[] { 1, 3 })]
    [InlineData("公開と評価が必要です［３，１］。", "公開と評価が必要です[3][1]。", new[] { 3, 1 })]
    [InlineData("公開と評価が必要です[ 2、1 ]。", "公開と評価が必要です[2][1]。", new[] { 2, 1 })]
    [InlineData("  Disclosure matters [1][1] and so do limits [2].\n", "Disclosure matters [1][1] and so do limits [2].", new[] { 1, 2 })]
    public async Task TryAnswer_MarkerVariants_AreNormalisedToAsciiMarkers(string reply, string expectedText, int[] expectedCited)
    {
        ModelReplies(reply);

        var answer = await Answerer().TryAnswerAsync(Question, Language.Japanese, Passages, CancellationToken.None);

        Assert.NotNull(answer);
        Assert.True(answer.Answered);
        Assert.Equal(expectedText, answer.Text);
        Assert.Equal(expectedCited.Select(n => Passages[n - 1]), answer.Cited);
    }

    [Theory]
    [InlineData("NO_ANSWER")]
    [InlineData("  NO_ANSWER\n")]
    [InlineData("`NO_ANSWER`")]
    [InlineData("NO_ANSWER.")]
    public async Task TryAnswer_ModelRepliesNoAnswer_IsARefusal(string reply)
    {
        ModelReplies(reply);

        var answer = await Answerer().TryAnswerAsync("駐車場の料金は？", Language.Japanese, Passages, CancellationToken.None);

        Assert.NotNull(answer);
        Assert.False(answer.Answered);
        Assert.Empty(answer.Cited);
        Assert.Equal("", answer.Text);
    }

    [Theory]
    [InlineData("公開の原則です[4]。")] // only 3 passages were given
    [InlineData("公開の原則です[0]。")]
    [InlineData("公開の原則です[1][7]。")]
    [InlineData("公開の原則です［1，9］。")]
    [InlineData("公開の原則と時限性の原則です。")] // cites nothing
    [InlineData("[1][2]")] // markers without an answer
    [InlineData("NO_ANSWER. ただし公開の原則が関係します[1]。")] // mixes the refusal into an answer
    [InlineData("")]
    [InlineData("   ")]
    public async Task TryAnswer_UnusableOutput_ReturnsNull(string reply)
    {
        ModelReplies(reply);

        var answer = await Answerer().TryAnswerAsync(Question, Language.Japanese, Passages, CancellationToken.None);

        Assert.Null(answer);
    }

    [Fact]
    public async Task TryAnswer_AnswerCutOffByTokenLimit_ReturnsNull()
    {
        ModelReplies("公開の原則と時限性の原則が欠かせません[3]。さらに", ChatFinishReason.Length);

        var answer = await Answerer().TryAnswerAsync(Question, Language.Japanese, Passages, CancellationToken.None);

        Assert.Null(answer);
    }

    [Fact]
    public async Task TryAnswer_OnlyMaxPassagesAreSent_AndACitationBeyondThemIsUnusable()
    {
        var many = Enumerable.Range(1, 6).Select(i => new GroundingPassage($"s{i}", $"節{i}", $"本文{i}")).ToList();
        ModelReplies("本文5によると可能です[5]。");

        var answer = await Answerer(maxPassages: 4).TryAnswerAsync(Question, Language.Japanese, many, CancellationToken.None);

        Assert.Null(answer);
        var user = _sentMessages![1].Text;
        Assert.Contains("[4] 節4\n本文4", user);
        Assert.DoesNotContain("本文5", user);
    }

    [Fact]
    public async Task TryAnswer_ClientThrows_ReturnsNullAndLogsAWarning()
    {
        var logger = new Mock<ILogger<GroundedAnswerer>>();
        var failure = new HttpRequestException("503 Service Unavailable");
        _chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(failure);

        var answer = await Answerer(logger: logger.Object).TryAnswerAsync(Question, Language.Japanese, Passages, CancellationToken.None);

        Assert.Null(answer);
        logger.Verify(
            l => l.Log(LogLevel.Warning, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), failure, It.IsAny<Func<It.IsAnyType, Exception?, string>>()),
            Times.Once);
    }

    [Fact]
    public async Task TryAnswer_ClientThrowsSynchronously_ReturnsNull()
    {
        _chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .Throws(new InvalidOperationException("broken pipeline"));

        var answer = await Answerer().TryAnswerAsync(Question, Language.Japanese, Passages, CancellationToken.None);

        Assert.Null(answer);
    }

    [Fact]
    public async Task TryAnswer_ModelSlowerThanTimeout_ReturnsNullWhenTheFakeClockPassesTheTimeout()
    {
        _chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<ChatMessage> _, ChatOptions? _, CancellationToken token) =>
            {
                _sentToken = token;
                return CompletesOnlyWhenCancelled(token);
            });

        var pending = Answerer(timeoutSeconds: 8).TryAnswerAsync(Question, Language.Japanese, Passages, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(7.9));
        Assert.False(pending.IsCompleted);
        Assert.False(_sentToken.IsCancellationRequested);

        _time.Advance(TimeSpan.FromSeconds(0.2));
        // Far shorter than the 8 s timeout: only the fake clock can have ended the wait.
        var answer = await pending.WaitAsync(RealTimeSafetyNet);
        Assert.Null(answer);
        Assert.True(_sentToken.IsCancellationRequested);
    }

    [Fact]
    public async Task TryAnswer_ClientIgnoresCancellation_StillReturnsNullAtTheTimeout()
    {
        var never = new TaskCompletionSource<ChatResponse>();
        _chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .Returns(never.Task);

        var pending = Answerer(timeoutSeconds: 8).TryAnswerAsync(Question, Language.Japanese, Passages, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(8));

        Assert.Null(await pending.WaitAsync(RealTimeSafetyNet));
    }

    [Fact]
    public async Task TryAnswer_CallerCancels_ThrowsOperationCanceled()
    {
        _chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<ChatMessage> _, ChatOptions? _, CancellationToken token) => CompletesOnlyWhenCancelled(token));
        using var turn = new CancellationTokenSource();

        var pending = Answerer().TryAnswerAsync(Question, Language.Japanese, Passages, turn.Token);
        await turn.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task WithoutChatClient_IsDisabledAndReturnsNull()
    {
        var answerer = new GroundedAnswerer(Options.Create(new AzureOpenAIOptions()), _time, NullLogger<GroundedAnswerer>.Instance);

        Assert.False(answerer.IsEnabled);
        Assert.Null(await answerer.TryAnswerAsync(Question, Language.Japanese, Passages, CancellationToken.None));
    }

    [Fact]
    public async Task WithChatClient_IsEnabled_ButNoPassagesMeansNoCall()
    {
        var answerer = Answerer();

        Assert.True(answerer.IsEnabled);
        Assert.Null(await answerer.TryAnswerAsync(Question, Language.Japanese, [], CancellationToken.None));
        _chat.VerifyNoOtherCalls();
    }

    private GroundedAnswerer Answerer(double timeoutSeconds = 8, int maxPassages = 4, ILogger<GroundedAnswerer>? logger = null) =>
        new(Options.Create(new AzureOpenAIOptions { TimeoutSeconds = timeoutSeconds, MaxPassages = maxPassages }),
            _time, logger ?? NullLogger<GroundedAnswerer>.Instance, _chat.Object);

    private void ModelReplies(string text, ChatFinishReason? finishReason = null)
    {
        _chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken token) =>
            {
                _sentMessages = messages.ToList();
                _sentOptions = options;
                _sentToken = token;
            })
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = finishReason ?? ChatFinishReason.Stop });
    }

    private static Task<ChatResponse> CompletesOnlyWhenCancelled(CancellationToken token)
    {
        var pending = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => pending.TrySetCanceled(token));
        return pending.Task;
    }
}

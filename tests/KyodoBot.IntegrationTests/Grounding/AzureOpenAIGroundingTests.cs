using System.Diagnostics;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Grounding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Grounding;

/// <summary>
/// The real Azure OpenAI client, configured through <c>AddKyodoGrounding</c> exactly as the bot is, talking HTTPS to
/// a local fake resource: what goes over the wire (deployment, key, grounding prompt) and what comes back (the parsed
/// answer and its citations, or null on failure so the bot answers extractively).
/// </summary>
public sealed class AzureOpenAIGroundingTests : IAsyncLifetime
{
    private const string Deployment = "kyodo-gpt-4o-mini";
    private const string ApiKey = "integration-test-key";

    private static readonly GroundingPassage[] Passages =
    [
        new("ch3-6", "3章 6 情報を公開しよう（公開の原則）", "協働事業の内容や成果を市民に公開し、透明性を確保します。"),
        new("ch3-7", "3章 7 期限を決めよう（時限性の原則）", "協働事業には期限を設け、定期的に評価・見直しを行います。"),
        new("ch3-note", "3章 ☆ 公金を使う協働", "公金を使う狭義の協働では、公開の原則と時限性の原則が欠かせません。"),
    ];

    private FakeAzureOpenAI _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeAzureOpenAI.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Answer_GoesToTheDeploymentWithKeyAndGroundingPrompt_AndCitationsAreParsed()
    {
        _fake.RepliesWith("公金を使う協働では公開の原則と時限性の原則が欠かせません［3］。事業の成果を市民に公開し[1]、期限を設けて評価します[2]。");
        using var services = Services();
        var answerer = services.GetRequiredService<GroundedAnswerer>();

        var answer = await answerer.TryAnswerAsync("公金を使う協働事業で欠かせない原則は？", Language.Japanese, Passages, CancellationToken.None);

        var call = Assert.Single(_fake.Calls);
        Assert.Equal($"/openai/deployments/{Deployment}/chat/completions", call.Path);
        Assert.Contains("api-version=", call.Query);
        Assert.Equal(ApiKey, call.ApiKey);
        var messages = call.Messages;
        Assert.Equal(["system", "user"], messages.Select(m => m.Role));
        Assert.Contains("ONLY from the numbered passages", messages[0].Content);
        Assert.Contains("reply with exactly NO_ANSWER", messages[0].Content);
        Assert.Contains("です・ます", messages[0].Content);
        Assert.Contains("[1] 3章 6 情報を公開しよう（公開の原則）\n協働事業の内容や成果を市民に公開し、透明性を確保します。", messages[1].Content);
        Assert.Contains("[2] 3章 7 期限を決めよう（時限性の原則）", messages[1].Content);
        Assert.Contains("[3] 3章 ☆ 公金を使う協働", messages[1].Content);
        Assert.Contains("Question: 公金を使う協働事業で欠かせない原則は？", messages[1].Content);
        Assert.Equal(0, call.Body["temperature"]!.GetValue<double>());
        Assert.InRange((call.Body["max_completion_tokens"] ?? call.Body["max_tokens"])!.GetValue<int>(), 100, 1000);

        Assert.NotNull(answer);
        Assert.True(answer.Answered);
        Assert.Equal("公金を使う協働では公開の原則と時限性の原則が欠かせません[3]。事業の成果を市民に公開し[1]、期限を設けて評価します[2]。", answer.Text);
        Assert.Equal(["ch3-note", "ch3-6", "ch3-7"], answer.Cited.Select(p => p.Id));
    }

    [Fact]
    public async Task NoAnswerFromTheModel_IsARefusal_AndTheEnglishInstructionIsSent()
    {
        _fake.RepliesWith("NO_ANSWER");
        using var services = Services();

        var answer = await services.GetRequiredService<GroundedAnswerer>()
            .TryAnswerAsync("How much does parking at the city hall cost?", Language.English, Passages, CancellationToken.None);

        Assert.NotNull(answer);
        Assert.False(answer.Answered);
        Assert.Empty(answer.Cited);
        Assert.Contains("Answer in English", Assert.Single(_fake.Calls).Messages[0].Content);
    }

    [Fact]
    public async Task ServerError_ReturnsNullAtOnce_WithoutRetrying()
    {
        _fake.FailsWith(500);
        using var services = Services();
        var clock = Stopwatch.StartNew();

        var answer = await services.GetRequiredService<GroundedAnswerer>()
            .TryAnswerAsync("公開の原則とは？", Language.Japanese, Passages, CancellationToken.None);

        Assert.Null(answer);
        Assert.Single(_fake.Calls);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ModelSlowerThanTheConfiguredTimeout_ReturnsNullSoonAfterIt()
    {
        _fake.Hangs();
        using var services = Services(timeoutSeconds: "1");
        var clock = Stopwatch.StartNew();

        var answer = await services.GetRequiredService<GroundedAnswerer>()
            .TryAnswerAsync("公開の原則とは？", Language.Japanese, Passages, CancellationToken.None);

        Assert.Null(answer);
        Assert.Single(_fake.Calls);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    private ServiceProvider Services(string timeoutSeconds = "8")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureOpenAI:Endpoint"] = _fake.Endpoint,
            ["AzureOpenAI:Deployment"] = Deployment,
            ["AzureOpenAI:ApiKey"] = ApiKey,
            ["AzureOpenAI:TimeoutSeconds"] = timeoutSeconds,
        }).Build();
        return new ServiceCollection().AddLogging().AddKyodoGrounding(configuration).BuildServiceProvider();
    }
}

using KyodoBot.Core.Ask;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Grounding;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace KyodoBot.Tests.Ask;

/// <summary>How the extractive answer and the optional model's answer combine.</summary>
public sealed class AnswerServiceTests
{
    private static readonly KnowledgeBase Knowledge = new(Core.Hosting.ContentPaths.Resolve(null, AppContext.BaseDirectory).Knowledge);

    [Fact]
    public async Task WithoutModel_TheExtractiveAnswerIsGiven()
    {
        var (answer, ai) = await Service(chat: null).AnswerAsync("公開の原則とは何ですか", Language.Japanese, default);

        Assert.True(answer.Answered);
        Assert.False(ai);
        Assert.Contains("透明性", answer.Text);
    }

    [Fact]
    public async Task ModelAnswer_ReplacesTheQuote_AndKeepsItsCitations()
    {
        var chat = Chat("協働事業のプロセスや成果を公開し、透明性を確保します[1]。");

        var (answer, ai) = await Service(chat.Object).AnswerAsync("公開の原則とは何ですか", Language.Japanese, default);

        Assert.True(ai);
        Assert.Equal("協働事業のプロセスや成果を公開し、透明性を確保します[1]。", answer.Text);
        Assert.Contains(answer.Citations, c => c.Id == "principle-6");
    }

    [Fact]
    public async Task ModelSaysNoAnswer_IsAnHonestRefusalWithCloseSections()
    {
        var chat = Chat("NO_ANSWER");

        var (answer, ai) = await Service(chat.Object).AnswerAsync("公開の原則とは何ですか", Language.Japanese, default);

        Assert.False(answer.Answered);
        Assert.False(ai);
        Assert.Equal("協働マニュアルには該当する記載が見つかりませんでした。", answer.Text);
        Assert.NotEmpty(answer.Suggestions);
    }

    [Fact]
    public async Task ModelThrows_TheExtractiveAnswerStandsIn()
    {
        var chat = new Mock<IChatClient>();
        chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("boom"));

        var (answer, ai) = await Service(chat.Object).AnswerAsync("公開の原則とは何ですか", Language.Japanese, default);

        Assert.True(answer.Answered);
        Assert.False(ai);
        Assert.Contains("透明性", answer.Text);
    }

    [Fact]
    public async Task GroundAllOff_UnrelatedQuestion_NeverReachesTheModel()
    {
        var chat = Chat("晴れです[1]。");

        var (answer, _) = await Service(chat.Object, groundAllSectionsUpTo: 0).AnswerAsync("明日の天気を教えてください", Language.Japanese, default);

        Assert.False(answer.Answered);
        chat.Verify(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static Mock<IChatClient> Chat(string reply)
    {
        var chat = new Mock<IChatClient>();
        chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)) { FinishReason = ChatFinishReason.Stop });
        return chat;
    }

    [Fact]
    public async Task SmallKnowledgeBase_UnrelatedQuestion_IsRefusedByTheModelsNoAnswer()
    {
        var chat = Chat("NO_ANSWER");

        var (answer, aiGenerated) = await Service(chat.Object).AnswerAsync("明日の天気を教えてください", Language.Japanese, default);

        Assert.False(answer.Answered);
        Assert.False(aiGenerated);
        chat.Verify(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ModelSaysNoAnswer_ToAFactTheManualLacks_TheRefusalStillNamesTheFactAsked()
    {
        // Else a story that asks a deadline would be asked back which principle it is about (AskBack).
        var chat = Chat("NO_ANSWER");

        var (answer, _) = await Service(chat.Object).AnswerAsync("町内会と防災訓練を一緒にやることになりました。市の補助金の申請締切はいつですか？", Language.Japanese, default);

        Assert.False(answer.Answered);
        Assert.Equal(AnswerKind.Time, answer.FactAsked);
        chat.Verify(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    private static AnswerService Service(IChatClient? chat, int groundAllSectionsUpTo = 60)
    {
        var options = Options.Create(new AzureOpenAIOptions { Endpoint = "https://example.openai.azure.com/", Deployment = "d", GroundAllSectionsUpTo = groundAllSectionsUpTo });
        var grounded = new GroundedAnswerer(options, TimeProvider.System, NullLogger<GroundedAnswerer>.Instance, chat);
        return new AnswerService(new KnowledgeAnswerer(Knowledge), Knowledge, grounded, options, new Texts());
    }
}

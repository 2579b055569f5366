using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Greetings and closings around a question are set aside before it is read
/// (docs/decisions/0077-english-with-japanese-terms-and-fact-details.md). The messages are made up for these tests.
/// </summary>
public sealed class PleasantriesTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Theory]
    [InlineData("お疲れ様です。市民活動推進課の田中です。\n対等の原則って何？\nよろしくお願いします。", "対等の原則って何？")]
    [InlineData("お世話になっております。\n協働提案事業の流れを知りたいです。お忙しいところすみませんが、よろしくお願いいたします。", "協働提案事業の流れを知りたいです。")]
    [InlineData("急ぎではないのですが、協働提案事業の流れを知りたいです。", "協働提案事業の流れを知りたいです。")]
    [InlineData("すみません、評価の時期はどう決めればいいですか？以上です。", "評価の時期はどう決めればいいですか？")]
    [InlineData("Hi team, what does the principle of equality mean? Thanks in advance!", "what does the principle of equality mean?")]
    [InlineData("Quick question: who decides the evaluation schedule?\nKind regards, Ken", "who decides the evaluation schedule?")]
    [InlineData("プラザに何が入るんだっけよろしくお願いします。", "プラザに何が入るんだっけ。")] // typed on at the end
    [InlineData("協働の原則を一覧でどうぞよろしくお願いいたします", "協働の原則を一覧で")]
    [InlineData("what are the seven principles thanks in advance", "what are the seven principles")]
    public void GreetingsAndClosings_AreSetAside(string message, string question) =>
        Assert.Equal(question, Pleasantries.Strip(message));

    [Fact]
    public void ALongPaste_IsReadOnlyAsFarAsTheQuestionIsRead()
    {
        var body = new string('あ', 2 * QuestionAnalyzer.MaxQuestionLength);

        Assert.Equal(body, Pleasantries.Strip("お疲れ様です。" + body));
        Assert.Equal(body + "よろしくお願いします。", Pleasantries.Strip(body + "よろしくお願いします。")); // past what is read
    }

    [Theory]
    [InlineData("お疲れ様です")] // nothing else: left as it is
    [InlineData("子育て支援課です。NPOとの役割分担はどう決めればいいですか？")] // the department says where the asker works
    [InlineData("以上の点について、方針ではどう考えていますか？")] // 以上 inside a sentence is no closing
    [InlineData("R7.4から始まる事業の評価はいつ？")] // a period inside a date does not end a sentence
    [InlineData("Thank you for the answer. What about the principle of openness?")] // thanks for something is a sentence
    public void WordsThatAreNotAFormula_AreKept(string message) =>
        Assert.Equal(message, Pleasantries.Strip(message));

    [Theory]
    [InlineData("行動規範の一覧を見たい")] // refused in its greetings before ADR 0077
    [InlineData("縦割りで団体さんがたらい回しにされてる件、方針で触れてますか")] // refused in its greetings before ADR 0077
    [InlineData("Can the city tell a volunteer group exactly how it must run the project?")]
    public void AQuestionWrappedInGreetings_IsAnsweredAsTheQuestionAlone(string question)
    {
        var japanese = LanguageResolver.ContainsJapanese(question);
        var wrapped = japanese
            ? "お疲れ様です。福祉課の佐藤です。\n" + question + "\nよろしくお願いします。"
            : "Hi team,\n" + question + "\nThanks in advance!";
        var language = japanese ? Language.Japanese : Language.English;

        var alone = fixture.Answerer.Ask(question, language);
        var inGreetings = fixture.Answerer.Ask(wrapped, language);

        Assert.True(alone.Answered, $"refused at {alone.Confidence}");
        Assert.True(inGreetings.Answered, $"refused at {inGreetings.Confidence}");
        Assert.Equal(alone.Citations[0].Id, inGreetings.Citations[0].Id);
    }
}

using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Sentence ends typed as spaces on a phone (docs/decisions/0078-sentences-typed-without-punctuation.md). The messages
/// are made up for these tests.
/// </summary>
public sealed class PunctuationTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Theory]
    [InlineData("昨日NPOの代表から連絡がありました 市が決めたことを押し付けないでほしいそうです 方針ではどう考えればいいですか",
        "昨日NPOの代表から連絡がありました。市が決めたことを押し付けないでほしいそうです。方針ではどう考えればいいですか")]
    [InlineData("評価の時期を団体さんと話しています\u3000何年ごとに見直すのがいいんでしょうか",
        "評価の時期を団体さんと話しています。何年ごとに見直すのがいいんでしょうか")]
    public void SpacesBetweenSentences_EndThem(string typed, string read) =>
        Assert.Equal(read, Punctuation.Restore(typed));

    [Theory]
    [InlineData("昨日NPOの代表から連絡がありました市が決めたことを押し付けないでほしいそうです方針ではどう考えればいいですか",
        "昨日NPOの代表から連絡がありました。市が決めたことを押し付けないでほしいそうです。方針ではどう考えればいいですか")]
    [InlineData("団体さんと話し合っていますが目的がそろいません最初に何を決めるべきでしたか", "団体さんと話し合っていますが目的がそろいません。最初に何を決めるべきでしたか")]
    public void WithoutSpacesEither_APoliteEndingBeforeANewClauseEndsASentence(string typed, string read) =>
        Assert.Equal(read, Punctuation.Restore(typed));

    [Theory]
    [InlineData("協働 原則 一覧")] // search words
    [InlineData("ふぁしりてーたー研修 企画してるって聞いたけどなんのため")] // a topic before the question ends in no predicate
    [InlineData("団体と組むときの注意点は？ 役割分担の決め方も知りたいです")] // punctuated already
    [InlineData("What does the principle of equality mean for our project")] // English
    public void OtherSpaces_AreLeftAlone(string typed) =>
        Assert.Equal(typed, Punctuation.Restore(typed));

    [Theory]
    [InlineData("環境の団体さんから相談がありました。公園の課に行ったら河川の課に回されて結局どこも引き受けてくれなかったそうです。市の中で誰が窓口なのかわからないと言われました")]
    [InlineData("打ち合わせでこちらの事業の説明ばかりしてしまいました。相手の団体が何を得意としているのか全然聞けていません。後から市のペースだったと言われたんですが何が足りなかったんでしょうか")]
    public void AStoryTypedWithSpaces_IsAnsweredAsWhenItIsPunctuated(string punctuated)
    {
        // Both were refused when typed with spaces before ADR 0078 (the whole story read as one sentence).
        var typed = punctuated.Replace("。", " ", StringComparison.Ordinal);

        var asPunctuated = fixture.Answerer.Ask(punctuated, Language.Japanese);
        var asTyped = fixture.Answerer.Ask(typed, Language.Japanese);

        Assert.True(asPunctuated.Answered, $"refused at {asPunctuated.Confidence}");
        Assert.True(asTyped.Answered, $"refused at {asTyped.Confidence}");
        Assert.Equal(asPunctuated.Citations[0].Id, asTyped.Citations[0].Id);
    }
}

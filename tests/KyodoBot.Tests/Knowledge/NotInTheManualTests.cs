using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Text;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Questions the manual does not answer although some of their words are the manual's
/// (docs/decisions/0057-questions-the-manual-does-not-answer.md): a fact the manual holds none of — what a law lays
/// down, a limit in money, where to call, which month, how to book — and an English question about a name the manual
/// never mentions ("VLOOKUP in Excel"), whose manual words ("match", "lists") are everyday ones. The questions are made
/// up for these tests.
/// </summary>
public sealed class NotInTheManualTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private Answer Ask(string text) => fixture.Answerer.Ask(text, LanguageResolver.Resolve(text, Language.Japanese));

    [Theory]
    [InlineData("NPO法で定められている活動分野をすべて挙げてください", AnswerKind.Provision)]
    [InlineData("条例で罰則ってあるの？", AnswerKind.Provision)]
    [InlineData("個人情報の扱いは法律上どうなっていますか", AnswerKind.Provision)]
    [InlineData("団体に名簿を渡すのに法的な義務はある？", AnswerKind.Provision)]
    [InlineData("Can you tell me the legal rules for this?", AnswerKind.Provision)]
    [InlineData("Is it legally required to sign an agreement?", AnswerKind.Provision)]
    [InlineData("Can we do this under the Local Autonomy Act?", AnswerKind.Provision)]
    [InlineData("補助金の限度額を知りたい", AnswerKind.Amount)]
    [InlineData("What is the spending limit for a single-source contract?", AnswerKind.Amount)]
    [InlineData("庁舎の照明が切れています。どこに連絡すればいいですか", AnswerKind.Contact)]
    [InlineData("The copier is broken. Who should I contact?", AnswerKind.Contact)]
    [InlineData("研修は何月にありますか", AnswerKind.Time)]
    [InlineData("プラザは何年にできるの？", AnswerKind.Time)]
    [InlineData("サポートセンターの部屋ってどうやって予約するの", AnswerKind.Application)]
    [InlineData("How do I book a room at the plaza?", AnswerKind.Application)]
    [InlineData("交流会の会場費はどの費目で予算を組めばいいですか", AnswerKind.Amount)] // the budget line (ADR 0069)
    [InlineData("Is there a fee for the 市民活動講座?", AnswerKind.Amount)] // English with a Japanese name (ADR 0069)
    [InlineData("Who should I call about the 協働プラザ parking?", AnswerKind.Contact)]
    public void ExpectedAnswer_AFactTheManualHoldsNoneOf_IsAskedFor(string sentence, AnswerKind kind) =>
        Assert.Equal(kind, QuestionAnalyzer.ExpectedAnswer(TextNormalizer.Key(sentence), !LanguageResolver.ContainsJapanese(sentence)));

    [Theory]
    [InlineData("相手団体はどのような方法で決められていますか")] // 方法で is a way, not a law
    [InlineData("同じ団体と何年も続けている事業はどうすべき？")] // 何年も is a duration
    [InlineData("この計画は何年か前に作られたものですよね")]
    [InlineData("誰に相談すればいいですか")] // where to turn, not whom to call
    [InlineData("Under the role-sharing principle, what should partners agree on?")]
    [InlineData("Why does collaboration need a time limit?")]
    [InlineData("What does the code of conduct say about openness?")]
    public void ExpectedAnswer_TheManualsOwnMatters_AskForNoFact(string sentence) =>
        Assert.Equal(AnswerKind.Any, QuestionAnalyzer.ExpectedAnswer(TextNormalizer.Key(sentence), !LanguageResolver.ContainsJapanese(sentence)));

    [Theory]
    [InlineData("NPO法で定められている活動分野をすべて挙げてください")]
    [InlineData("We want to hire a local NPO for a youth project. What are the legal rules for that under the Local Autonomy Act?")]
    public void Ask_WhatALawLaysDown_IsRefusedAsAProvision(string question)
    {
        var answer = Ask(question);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
        Assert.Equal(AnswerKind.Provision, answer.FactAsked);
    }

    [Theory]
    [InlineData("How do I use VLOOKUP in Excel to compare two lists?", "vlookup", "excel")]
    [InlineData("We asked HR about it. What did the Local Autonomy Act change?", "hr", "local", "autonomy", "act")]
    public void Names_AreWordsWrittenInCapitalsOrCapitalisedInsideASentence(string question, params string[] names) =>
        Assert.Equal(names.Order(), fixture.Knowledge.Current.Analyze(question).Names.Order());

    [Theory]
    [InlineData("Which facilities move into the Shimin Mirai Plaza?")] // romaji: maybe the manual's own word
    [InlineData("What Does The Policy Say About Equal Partnership?")] // title case
    [InlineData("Which groups of challenges does Chapter 4 describe?")] // a part by its number
    [InlineData("I read about excel and Excel.")] // also written in lower case
    public void Names_NotReadFromRomajiTitleCaseNumberedPartsOrWordsAlsoInLowerCase(string question) =>
        Assert.DoesNotContain(fixture.Knowledge.Current.Analyze(question).Names, n => n is "shimin" or "mirai" or "policy" or "chapter" or "excel" or "equal");

    [Theory]
    [InlineData("How can I match two lists with XLOOKUP in Excel?")]
    [InlineData("How do I use Power Query to match two lists?")]
    public void Ask_AboutANameTheManualLacks_IsRefused_ThoughAnEverydayWordIsTheManuals(string question)
    {
        var answer = Ask(question);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} at {answer.Confidence}");
        // Outside the manual, not a gap in it: what the bot can do, no near sections, not recorded for the editors.
        Assert.True(answer.IsRequest);
        Assert.Empty(answer.Suggestions);
        Assert.StartsWith("What you ask about is not something the collaboration manual covers.", answer.Text);
    }

    [Fact]
    public void Ask_AboutANameTheManualLacks_InJapaneseReply_SaysItIsOutsideTheManual()
    {
        var answer = fixture.Answerer.Ask("How do I use VLOOKUP in Excel to match two lists?", Language.Japanese);

        Assert.False(answer.Answered);
        Assert.StartsWith("ご質問の事柄は、協働マニュアルでは扱っていません。", answer.Text);
    }

    [Fact]
    public void Ask_AFactAndANameTheManualLacks_SaysWhereTheFactIsFound()
    {
        // The fact asked for says more than "outside the manual": where to ask.
        var answer = Ask("Can we do this under the Local Autonomy Act?");

        Assert.False(answer.Answered);
        Assert.Equal(AnswerKind.Provision, answer.FactAsked);
    }

    [Theory]
    [InlineData("How does the plan define SNS?", "footnote-sns")] // a name the manual holds
    [InlineData("What is going into the new plaza at Comcity?", "footnote-plaza")] // コムシティ in the manual: outweighed by its words
    public void Ask_AboutANameTheManualHolds_OrOneItsWordsOutweigh_IsAnswered(string question, string section)
    {
        var answer = Ask(question);

        Assert.True(answer.Answered, $"refused at {answer.Confidence}");
        Assert.Equal(section, answer.Citations[0].Id);
    }
}

using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// A long message about something the manual does not cover whose question sentence is only generic words
/// (「手続きはどうなりますか？」, "What's the process?"): the question sentence alone is no evidence for the one section
/// whose phrasings hold the generic word (docs/decisions/0032-long-messages-sentence-by-sentence.md, round 2). The
/// messages are made up for these tests (a broken laptop, a towed bicycle, a passport), not taken from a question set.
/// </summary>
public sealed class GenericQuestionTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private static readonly string[] PurposePhrasings = ["相手とゴールをすり合わせるには？", "団体と目的がずれているときはどうする？"];
    private static readonly string[] ProcedurePhrasings = ["会議室の予約の手続きは？", "会議室を借りる手続きを教えて", "What's the process for booking a meeting room?"];

    private static KnowledgeIndex Index() => PhrasingMatcherTests.Index(PurposePhrasings, ProcedurePhrasings);

    [Theory]
    [InlineData("ノートパソコンを電車の中で落として画面が割れてしまいました。電源は入りますが画面の半分が映りません。手続きはどうなりますか？")]
    [InlineData("My laptop screen cracked when I dropped it on the train. Half the display is black now. What's the process?")]
    public void LongMessage_TheManualDoesNotCover_WithAGenericQuestion_IsRefused(string message)
    {
        var index = Index();

        var answer = PhrasingMatcherTests.Ask(index, message);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} ({answer.Confidence})");
        Assert.True(index.Analyze(message).GenericQuestion);
    }

    [Fact]
    public void GenericQuestion_AboutASituationTheManualHolds_IsStillAnswered()
    {
        const string message = "総務課の窓口で会議室を予約したいです。会議室の広さは三種類あると聞きました。手続きはどうなりますか？";
        var index = Index();

        var answer = PhrasingMatcherTests.Ask(index, message);

        Assert.False(index.Analyze(message).GenericQuestion);
        Assert.True(answer.Answered, $"refused ({answer.Confidence})");
        Assert.Equal("rooms", answer.Citations[0].Id);
    }

    [Fact]
    public void OneSentence_GenericQuestion_IsReadAsBefore()
    {
        var index = Index();

        var answer = PhrasingMatcherTests.Ask(index, "会議室の予約の手続きは？");

        Assert.False(index.Analyze("会議室の予約の手続きは？").GenericQuestion);
        Assert.True(answer.Answered, $"refused ({answer.Confidence})");
        Assert.Equal("rooms", answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("My bicycle was towed from in front of the station this morning. I need it to commute every day. What's the procedure to get it back?")]
    [InlineData("My passport expires next month and I have a trip abroad in the summer. I have never renewed it before. What is the process?")]
    [InlineData("I got a parking ticket outside the ward office yesterday. The sign was hidden behind a tree. What's the process?")]
    [InlineData("ノートパソコンを電車の中で落として画面が割れてしまいました。電源は入りますが画面の半分が映りません。どういうプロセスになりますか？")]
    public void ShippedManual_RefusesALongMessageItDoesNotCover_EndingInAGenericQuestion(string message)
    {
        var answer = fixture.Answerer.AnswerFrom(fixture.Knowledge.Current, message, Language.English);

        Assert.False(answer.Answered, $"answered from {answer.Citations.FirstOrDefault()?.Id} ({answer.Confidence})");
    }

    [Fact]
    public void GenericQuestion_ItsSituationTheManualLacks_CountsAsUnknownContext()
    {
        // Made up: a story about a gym membership the manual does not hold, asked with a generic question. The question
        // sentence hands the situation its words (they count as asked), and they are still the situation: the decision
        // reads how much of it the manual lacks (context_unknown), as it does when the question is not vague.
        const string message = "My gym membership card was cancelled by mistake at the reception desk. The swimming pool will not let me in. What's the process?";
        var index = Index();
        var question = index.Analyze(message);
        Assert.True(question.GenericQuestion);
        Assert.Contains(question.Concepts, c => c.Situation && !c.Context);

        var votes = index.Phrasings.Vote(index, message, analyzed: question);
        var section = index.Sections[0];
        var features = AnswerDecision.Features(
            index, question, index.Weights(question), Unknown(index, question), votes, section, section, (0, 0, 0, false));

        Assert.True(features.ContextUnknown >= 0.5, $"context_unknown {features.ContextUnknown}");
    }

    private static bool[] Unknown(KnowledgeIndex index, Question question)
    {
        var unknown = new bool[question.Concepts.Count];
        index.Weights(question, unknown);
        return unknown;
    }

    [Fact]
    public void SettingWords_WeighAQuarter_InThePhrasingFeatures()
    {
        // 会議室 only sets the scene; 団体 is in the sentence that tells the concern (でも …); the question is vague.
        const string story = "総務課の会議室で毎週の定例会を開いています。でも団体とはゴールが合っていません。どう考えればいいでしょうか？";
        var index = Index();

        var features = PhrasingIndex.Features(index, story);

        Assert.Equal(PhrasingIndex.SettingConceptShare, features["c:会議"], 3);
        Assert.Equal(PhrasingIndex.ContextConceptShare, features["c:団体"], 3);
    }
}

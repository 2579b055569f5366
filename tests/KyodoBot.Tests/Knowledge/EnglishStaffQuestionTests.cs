using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// How staff write English questions about the manual (docs/decisions/0058-english-staff-questions.md): "the plan"
/// naming the document, "does the policy mention …", a kind noun pointing back at the story, chat openers, the
/// future's "going to" and a question framed by its reason. The questions are made up for these tests.
/// </summary>
public sealed class EnglishStaffQuestionTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Theory]
    [InlineData("what does the plan say about equality?", "what does the policy say about equality?")]
    [InlineData("is it in the kyodo plan?", "is it in the policy?")]
    [InlineData("according to the collaboration plan, who decides?", "according to the policy, who decides?")]
    [InlineData("does the plan mention silos?", "does the policy say about silos?")]
    [InlineData("does our policy address the lack of members?", "does our policy say about the lack of members?")]
    [InlineData("does the guideline talk about money?", "does the guideline say about money?")]
    public void ThePlanAsTheDocument_ReadsAsThePolicy(string key, string expected) =>
        Assert.Equal(expected, ManualCue.EnglishDocumentNamed(key));

    [Theory]
    [InlineData("what is the plan to expand the centre?")]       // a plan to do something is a measure
    [InlineData("what's the plan for npos next year?")]
    [InlineData("what happens to the plan if things change?")]   // the plan reviewed: initiative-review's matter
    [InlineData("does the city plan any training?")]
    [InlineData("what is the address of the support centre?")]  // "address" without the document
    public void OtherPlans_AreLeftAlone(string key) => Assert.Equal(key, ManualCue.EnglishDocumentNamed(key));

    [Fact]
    public void DoesThePlanMentionThisProblem_AsksForAProblem()
    {
        var q = fixture.Knowledge.Current.Analyze("Our volunteers keep quitting. Does the plan mention this problem?");

        Assert.Equal(AskedKind.Challenge, q.AsksKind);
        Assert.True(q.AsksWhatTheManualSays);
        Assert.DoesNotContain(q.Concepts, c => !c.Context && c.Key is "plan" or "mention" or "problem");
    }

    [Fact]
    public void ThisProblem_InTheFirstSentence_IsStillAWordOfTheQuestion()
    {
        var q = fixture.Knowledge.Current.Analyze("How were these challenges identified?");

        Assert.Contains(q.Concepts, c => c.Key.StartsWith("challenge", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("quick q - what is taitou no gensoku?")]
    [InlineData("Quick question: what is taitou no gensoku?")]
    public void ChatOpener_WeighsNothing(string question)
    {
        var q = fixture.Knowledge.Current.Analyze(question);

        Assert.DoesNotContain(q.Concepts, c => c.Key is "quick" or "q" or "question");
    }

    [Fact]
    public void AFollowUpAskingTheReason_IsReadWithTheQuestionBefore()
    {
        var q = fixture.Knowledge.Current.Analyze("Is the tatewari problem going to be fixed? What's the reason given?");

        Assert.DoesNotContain(q.Concepts, c => c.Key is "reason" or "given" or "going");
        Assert.Contains(q.Concepts, c => c.Key == "tatewari" && !c.Context);
    }

    [Fact]
    public void AnAdjectiveInAtive_ReachesItsNoun()
    {
        var q = fixture.Knowledge.Current.Analyze("What do collaborative projects need?");

        Assert.Contains(q.Concepts, c => c.Key == "collaboration");
    }
}

using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Made-up questions the manual does not answer (HR, IT, facilities, a staff member's own troubles told at length, in
/// Japanese and English; written for this test, not taken from any question set): a confident quote of a principle
/// under 「誰に相談すればいい？」 is the worst reply, so they are refused
/// (docs/decisions/0043-precision-wrong-sections.md).
/// </summary>
public sealed class StaffMattersTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private static string StaffMatters => Path.Combine(KnowledgePaths.Content.Root, "tests", "KyodoBot.Tests", "Knowledge", "made-up-staff-matters.jsonl");

    [Fact]
    public void MadeUpStaffMatters_AreAllRefused()
    {
        var report = QuestionSetRunner.Run(StaffMatters, fixture.Answerer, fixture.Knowledge);
        var answered = string.Join("\n", report.Results.Where(r => r.Answered).Select(QuestionSetRunner.Describe));

        // 38 questions; 33 refused at main 6f66bde, 35 since generic words are no evidence for an unknown situation,
        // 37 since the decision's refit with a story's situation as evidence (docs/decisions/0048-story-agreement.md:
        // the refit weighs words no section holds against an answer), 38 since 「どこに連絡すればいい？」 asks for a contact
        // the manual does not hold (docs/decisions/0057-questions-the-manual-does-not-answer.md).
        Assert.True(report.OutOfScope >= 38, $"{report.OutOfScope} questions");
        Assert.True(report.OutOfScopeRefused >= 38, $"{report.OutOfScopeRefused}/{report.OutOfScope} refused\n{answered}");
    }

    [Theory]
    [InlineData("育児休業の期間を延ばしたいです。誰に相談すればいい？")]
    [InlineData("My boss keeps yelling at me. Who can I talk to about it?")]
    public void WhomToConsult_AboutASituationTheManualLacks_IsRefused_ThoughASectionMentionsConsulting(string question)
    {
        var answer = fixture.Ask(question);

        Assert.False(answer.Answered, $"answered from {(answer.Citations.Count > 0 ? answer.Citations[0].Id : "?")} at {answer.Confidence}");
    }

    [Fact]
    public void WhomToConsult_AboutAGroupsAccounts_IsStillAnsweredWithTheSupportSection()
    {
        var answer = fixture.Answerer.Ask("NPOの会計がわからなくて困っています。誰に相談すればいい？", Language.Japanese);

        Assert.True(answer.Answered, $"refused at {answer.Confidence}");
        Assert.Equal("initiative-civic-env-1", answer.Citations[0].Id);
    }
}

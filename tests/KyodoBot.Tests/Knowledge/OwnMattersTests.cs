using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// A member of staff asking whom to consult about their own matter (leave, overtime, health) is not asking the manual:
/// 「誰に相談すればいい？」 says nothing about what, so the situation told before it decides, and the manual lacks it
/// (docs/decisions/0042-paraphrase-named-sections.md).
/// </summary>
public sealed class OwnMattersTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Theory]
    [InlineData("介護休暇のことで悩んでいます。誰に相談すればいい？")]
    [InlineData("残業が多くて体調が心配です。どこに相談すればいいですか？")]
    [InlineData("I'm going on parental leave next month. Who should I talk to?")]
    public void Ask_WhomToConsultAboutAMatterTheManualLacks_IsRefused(string question)
    {
        var answer = fixture.Ask(question);

        Assert.False(answer.Answered, $"answered from {(answer.Citations.Count > 0 ? answer.Citations[0].Id : "?")} at {answer.Confidence}");
    }

    [Fact]
    public void Ask_WhomToConsultAboutAMatterTheManualCovers_IsAnswered()
    {
        var answer = fixture.Answerer.Ask("団体の会計がうまくいかなくて困っています。どこに相談すればいいですか？", Language.Japanese);

        Assert.True(answer.Answered, $"refused at {answer.Confidence}");
        Assert.Equal("initiative-civic-env-1", answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("Where can I park when I visit the support center?", AnswerKind.Contact)]
    [InlineData("Is there parking at the plaza?", AnswerKind.Contact)]
    [InlineData("Can volunteers and the city keep the park clean together?", AnswerKind.Any)]
    public void ExpectedAnswer_WhereToPark_AsksForAPlace(string sentence, AnswerKind kind) =>
        Assert.Equal(kind, QuestionAnalyzer.ExpectedAnswer(sentence.ToLowerInvariant(), isEnglish: true));
}

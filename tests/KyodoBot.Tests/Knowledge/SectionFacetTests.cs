using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// Sections know what they are (kind) and whom they are about (actor); a question that asks for a problem or for a
/// measure prefers a near-tied section of that kind, and a list question naming a party gets that party's sections
/// (docs/decisions/0047-section-facets.md). The questions here were written for this change, not taken from a question set.
/// </summary>
public sealed class SectionFacetTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Theory]
    [InlineData("団体同士の交流が足りないのは課題になってる？", AskedKind.Challenge)]
    [InlineData("職員の意識が低いことに、市は何か手を打つ予定？", AskedKind.Initiative)] // the head comes last in Japanese
    [InlineData("市役所の課題に対する取り組みは？", AskedKind.Initiative)]
    [InlineData("支援が足りないのは課題？", AskedKind.Challenge)]
    [InlineData("協働で気をつけるべきことは？", AskedKind.Conduct)]
    [InlineData("狭義の協働ってなに？", AskedKind.Any)]
    [InlineData("約束ごとの中身と理由を教えて", AskedKind.Any)] // 理由 alone asks why a rule is, not what is wrong
    [InlineData("What is the city doing about the lack of information?", AskedKind.Initiative)] // the head comes first in English
    [InlineData("Is weak PR a problem for volunteer groups?", AskedKind.Challenge)]
    [InlineData("Why are openness and review essential?", AskedKind.Any)]
    [InlineData("What should we keep in mind?", AskedKind.Conduct)]
    public void Kind_ReadsWhatTheQuestionAsksFor(string question, AskedKind kind) =>
        Assert.Equal(kind, fixture.Knowledge.Current.Analyze(question).AsksKind);

    [Theory]
    [InlineData("NPO向けにどんな支援がある？", SectionActor.Npo)]
    [InlineData("市役所側の課題は？", SectionActor.City)]
    [InlineData("市民の参加を増やすには？", SectionActor.Citizens)]
    [InlineData("市民活動団体の課題は？", SectionActor.Npo)] // 市民活動 is the groups', not citizens at large
    [InlineData("市民も団体も市役所も、みんなに共通する課題は？", SectionActor.Common)] // several parties and what they share
    [InlineData("共通・団体・市役所それぞれの課題を一覧で", SectionActor.None)] // each party: the whole list
    [InlineData("What problems do nonprofits have?", SectionActor.Npo)]
    [InlineData("What does city hall do?", SectionActor.City)]
    [InlineData("目的共有の原則とは？", SectionActor.None)]
    public void Actors_ReadsThePartiesTheQuestionNames(string question, SectionActor actors) =>
        Assert.Equal(actors, fixture.Knowledge.Current.Analyze(question).NamesActors);

    [Theory]
    [InlineData("職員の協働への意識が低いことに、市は何か手を打つ予定？", "initiative-city-1")] // was the problem (challenge-city-1)
    [InlineData("部署ごとの縦割りについて、市はどんな対策をするの？", "initiative-city-2")] // was challenge-city-2
    [InlineData("団体の情報発信が弱い件、市は何かしてくれる？", "initiative-civic-env-2")] // was challenge-npo-2
    [InlineData("団体同士の交流が足りないのは課題になってる？", "challenge-common-3")] // was the measure (initiative-collab-env-3)
    public void Ask_AQuestionForAMeasureOrAProblem_GetsThatKindOfSection(string question, string sectionId)
    {
        var answer = fixture.Ask(question);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal(sectionId, answer.Citations[0].Id);
    }

    [Fact]
    public void Ask_AListOfWhatNposShouldKeepInMind_GetsThePrinciplesEveryPartyShares()
    {
        var answer = fixture.Ask("NPOとして気をつけることを全部教えて"); // was the NPOs' problems (challenges-npo)

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal("principles-intro", answer.Citations[0].Id);
    }

    [Fact]
    public void Ask_AListOfSupportForNpos_IsAnsweredWithTheSupport_NotTheirProblems()
    {
        // Was challenges-npo at 0.58, then (ADR 0047) refused with the support as its first button; since ADR 0055 the
        // party's group of the kind asked answers with the confidence the question had.
        var answer = fixture.Ask("ボランティア団体向けの支援をざっくり知りたい");

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal("initiatives-civic-env", answer.Citations[0].Id);
    }

    [Theory]
    [InlineData("市がNPOのためにやることは？", AskedKind.Initiative)] // what the city does: its measures (ADR 0055)
    [InlineData("市民活動団体のために市がしていることを知りたい", AskedKind.Initiative)]
    [InlineData("NPOの課題をまとめて", AskedKind.Challenge)]
    public void Kind_WhatTheCityDoesForSomeone_AsksForMeasures(string question, AskedKind kind) =>
        Assert.Equal(kind, fixture.Knowledge.Current.Analyze(question).AsksKind);

    [Theory]
    [InlineData("市が市民活動団体のためにしていることを全部知りたい", "initiatives-civic-env")] // was the groups' problems
    [InlineData("What operational problems do nonprofits report?", "challenge-npo-1")] // names the group, asks for one part
    [InlineData("NPOの課題を、運営面と協働面の両方で教えて", "challenges-npo")] // both parts: the group
    public void Ask_AGroupNamedWithOnePartsMatter_GetsThatPart_AndEveryPartGetsTheGroup(string question, string sectionId)
    {
        var answer = fixture.Ask(question);

        Assert.True(answer.Answered, $"refused at confidence {answer.Confidence}");
        Assert.Equal(sectionId, answer.Citations[0].Id);
    }
}

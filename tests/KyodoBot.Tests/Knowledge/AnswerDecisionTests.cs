using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// The fitted answer-or-refuse decision (docs/decisions/0031-fitted-answer-decision.md): monotone in the
/// evidence, the caps still cap, and the fit itself.
/// </summary>
public sealed class AnswerDecisionTests
{
    private static readonly DecisionFeatures Middle =
        new(Lexical: 0.3, Coverage: 0.5, Matched: 0.4, Nearest: 0.35, Vote: 0.25, VoteMargin: 0.1, Negative: 0.2, Long: false, Agree: true, DictionaryOnly: false, Unknown: 0.2, ContextUnknown: 0, ContextMissed: 0);

    public static TheoryData<string> Evidence => ["lexical", "coverage", "matched", "nearest", "vote", "vote_margin"];

    [Theory]
    [MemberData(nameof(Evidence))]
    public void MoreEvidenceForTheUnit_NeverLowersTheConfidence(string input)
    {
        var previous = 0.0;
        foreach (var value in new[] { 0.0, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0 })
        {
            var confidence = AnswerDecision.Confidence(With(Middle, input, value));
            Assert.True(confidence >= previous - 1e-12, $"{input} {value}: {confidence} < {previous}");
            previous = confidence;
        }

        Assert.True(AnswerDecision.Confidence(With(Middle, input, 1)) > AnswerDecision.Confidence(With(Middle, input, 0)) || input == "coverage");
    }

    [Theory]
    [InlineData("negative")]
    [InlineData("unknown")]
    [InlineData("context_unknown")]
    [InlineData("context_missed")]
    public void ANearerNegativeOrWordsTheManualLacks_NeverRaiseTheConfidence(string input)
    {
        var previous = 1.0;
        foreach (var value in new[] { 0.0, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0 })
        {
            var confidence = AnswerDecision.Confidence(With(Middle, input, value));
            Assert.True(confidence <= previous + 1e-12, $"{input} {value}: {confidence} > {previous}");
            previous = confidence;
        }
    }

    [Fact]
    public void ShippedWeights_HaveTheSignsTheFitIsHeldTo_AndOneWeightPerInput()
    {
        Assert.Equal(AnswerDecision.Names.Length, AnswerDecision.Weights.Length);
        Assert.Equal(AnswerDecision.Names.Length, Middle.Vector().Length);
        for (var i = 0; i < AnswerDecision.Names.Length; i++)
        {
            Assert.True(AnswerDecision.Weights[i] * AnswerDecision.Names[i].Sign >= 0, AnswerDecision.Names[i].Name);
        }
    }

    [Fact]
    public void AStoryWhoseSituationPointsToTheUnit_IsAnswered_TheSameEvidenceWithoutItIsRefused()
    {
        // A long message whose whole-message vote and situation-only vote land on the same section
        // (docs/decisions/0048-story-agreement.md): evidence that this section is the one asked about.
        var story = Middle with { Long = true, Lexical = 0.2, Coverage = 0.3, Matched = 1, Nearest = 0.3, Vote = 0.17, VoteMargin = 0.05, Negative = 0.2, ContextMissed = 0.8 };

        Assert.True(AnswerDecision.Confidence(story) < KnowledgeAnswerer.Threshold, $"{AnswerDecision.Confidence(story)}");
        Assert.True(AnswerDecision.Confidence(story with { ContextAgrees = true }) >= KnowledgeAnswerer.Threshold, $"{AnswerDecision.Confidence(story with { ContextAgrees = true })}");
    }

    [Fact]
    public void ASituationAgreeingWithTheUnit_DoesNotOutweighANearNegative()
    {
        // 「…ボランティアさんがケガをしたら？」: the situation may point to the same section as the message, but a question
        // the manual does not answer that is much nearer still refuses it.
        var story = Middle with { Long = true, Lexical = 0.1, Coverage = 0.1, Matched = 0.5, Nearest = 0.27, Vote = 0.26, VoteMargin = 0.09, Negative = 0.48, ContextMissed = 0.9, ContextAgrees = true };

        Assert.True(AnswerDecision.Confidence(story) < KnowledgeAnswerer.Threshold / 2, $"{AnswerDecision.Confidence(story)}");
    }

    [Fact]
    public void ClearEvidence_IsAnswered_ANearerNegative_IsRefused()
    {
        var clear = Middle with { Lexical = 0.8, Coverage = 1, Matched = 1, Nearest = 0.7, Vote = 0.6, VoteMargin = 0.3, Negative = 0.2 };
        Assert.True(AnswerDecision.Confidence(clear) >= KnowledgeAnswerer.Threshold);
        Assert.True(AnswerDecision.Confidence(clear with { Negative = 0.9 }) < KnowledgeAnswerer.Threshold);

        var nothing = Middle with { Lexical = 0, Coverage = 0, Matched = 0, Nearest = 0.1, Vote = 0.05, VoteMargin = 0, Negative = 0.3 };
        Assert.True(AnswerDecision.Confidence(nothing) < KnowledgeAnswerer.Threshold);
    }

    [Fact]
    public void FactCap_StillCaps_HoweverNearThePhrasing()
    {
        // 「会議室の予約はいつまで？」 asks for a date: the section holds none, so even a near phrasing does not answer it.
        var index = KnowledgeIndex.Build(
            [.. KnowledgeParser.Parse("mini.md", PhrasingMatcherTests.Manual).Select(s => s.Id == "rooms" ? s with { SideQuestions = ["会議室の予約ってどうやるの？", "会議室はどこで予約する？"] } : s)],
            KnowledgeVocabulary.Empty);
        var answerer = new KnowledgeAnswerer(new KnowledgeBase(Path.GetTempPath()));

        Assert.True(answerer.AnswerFrom(index, "会議室の予約ってどうやるの？", Language.Japanese).Answered);
        var dated = answerer.AnswerFrom(index, "会議室の予約の締切はいつ？", Language.Japanese);

        Assert.False(dated.Answered, $"answered ({dated.Confidence})");
        Assert.True(dated.Confidence <= KnowledgeAnswerer.Threshold / 2);
    }

    [Fact]
    public void Fit_LearnsTheSeparatingEvidence_AndKeepsWeightsOfTheWrongSignAtZero()
    {
        // Phrasings answered with their own section have near phrasings; another section's and negatives' are far.
        // "unknown" is made to rise with the right answers here: the fit must not learn that more words the manual
        // lacks is good, so it holds that weight at 0.
        var samples = new List<AnswerDecisionFit.Sample>();
        for (var i = 0; i < 40; i++)
        {
            var x = i / 40.0;
            samples.Add(Sample(1, Middle with { Nearest = 0.5 + (x / 2), Unknown = 0.5 + (x / 2) }));
            samples.Add(Sample(-1, Middle with { Nearest = x / 2, Unknown = x / 2 }));
            samples.Add(Sample(-1, Middle with { Nearest = x / 3, Negative = 0.5 + (x / 2) }, negative: true));
        }

        var model = AnswerDecisionFit.Train(samples);

        var nearest = Array.FindIndex(AnswerDecision.Names, n => n.Name == "nearest");
        var unknown = Array.FindIndex(AnswerDecision.Names, n => n.Name == "unknown");
        Assert.True(model.Weights[nearest] > 0, $"{model.Weights[nearest]}");
        Assert.Equal(0, model.Weights[unknown]);
        var right = AnswerDecisionFit.Count(samples, s => model.Probability(s.Features!) >= 0.5);
        Assert.True(right.Exact >= 35 && right.Wrong <= 5 && right.NegativesAnswered <= 5, right.ToString());

        var shifted = model.AtThreshold(0.7);
        var item = Middle with { Nearest = 0.8 };
        Assert.Equal(model.Probability(item) >= 0.7, shifted.Probability(item) >= KnowledgeAnswerer.Threshold);
    }

    [Fact]
    public void BorderlineWrongAnswer_RefusedAtTheOperatingPoint_CountsAsTheRightSectionOffered_AndCostsLess()
    {
        // Made-up evidence: a question whose unit is another section, decided just above a lower bar; the refusal's
        // near sections hold its own section. Answered, it is a wrong quote (cost 1); refused as a close decision, its
        // buttons are the unit and the first two near sections, the right one among them (cost 0.2).
        var borderline = Sample(-1, Middle) with { OfferedBesideUnit = true, Offered = true, Buttons = true };
        var confidence = AnswerDecision.Confidence(Middle);
        var lowerBar = confidence - 0.01;

        var answered = AnswerDecisionFit.Count([borderline], s => AnswerDecision.Confidence(s.Features!) >= lowerBar);
        var refused = AnswerDecisionFit.Count([borderline], s => AnswerDecision.Confidence(s.Features!) >= confidence + 0.01, close: s => AnswerDecision.Confidence(s.Features!) >= lowerBar);

        Assert.Equal((1, 0), (answered.Wrong, answered.Offered));
        Assert.Equal((0, 1, 1), (refused.Wrong, refused.Refused, refused.Offered));
        Assert.Equal(AnswerDecisionFit.OperatingCost.Another, answered.Cost, 6);
        Assert.Equal(AnswerDecisionFit.OperatingCost.RefusedOffered, refused.Cost, 6);
    }

    [Fact]
    public void CloseRefusal_OffersItsUnit_SoAnExactUnitRefusedIsStillOffered_AndAFarOneIsADeadEnd()
    {
        // The unit is the right section but the decision falls just short: refused, with the unit as first button.
        var exact = Sample(1, Middle);
        var farBar = 0.99;
        var withClose = AnswerDecisionFit.Count([exact], s => AnswerDecision.Confidence(s.Features!) >= farBar, close: _ => true);
        var withoutClose = AnswerDecisionFit.Count([exact], s => AnswerDecision.Confidence(s.Features!) >= farBar, close: _ => false);

        Assert.Equal(1, withClose.Offered);
        Assert.Equal(0, withoutClose.Offered);
        Assert.True(withClose.Cost < withoutClose.Cost, $"{withClose.Cost} vs {withoutClose.Cost}");
    }

    [Fact]
    public void CostWeight_IsWhatChoosingWronglyCosts()
    {
        Assert.Equal(AnswerDecisionFit.OperatingCost.RefusedOffered, AnswerDecisionFit.CostWeight(Sample(1, Middle) with { Offered = true }), 6);
        Assert.Equal(AnswerDecisionFit.OperatingCost.RefusedDeadEnd, AnswerDecisionFit.CostWeight(Sample(1, Middle)), 6);
        Assert.Equal(AnswerDecisionFit.OperatingCost.Another - AnswerDecisionFit.OperatingCost.RefusedOffered, AnswerDecisionFit.CostWeight(Sample(-1, Middle) with { Offered = true }), 6);
        Assert.True(AnswerDecisionFit.CostWeight(Sample(-1, Middle, negative: true)) > AnswerDecisionFit.OperatingCost.Another);
    }

    private static AnswerDecisionFit.Sample Sample(int outcome, DecisionFeatures features, bool negative = false) =>
        new(Fold: 0, Style: "other", Negative: negative, Outcome: negative ? -1 : outcome, features, Covered: true, Refused: false);

    private static DecisionFeatures With(DecisionFeatures f, string input, double value) => input switch
    {
        "lexical" => f with { Lexical = value },
        "coverage" => f with { Coverage = value },
        "matched" => f with { Matched = value },
        "nearest" => f with { Nearest = value },
        "vote" => f with { Vote = value },
        "vote_margin" => f with { VoteMargin = value },
        "negative" => f with { Negative = value },
        "unknown" => f with { Unknown = value },
        "context_unknown" => f with { ContextUnknown = value, Long = true },
        "context_missed" => f with { ContextMissed = value, Long = true },
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };
}

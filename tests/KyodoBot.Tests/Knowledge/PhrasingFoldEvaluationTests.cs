using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// The k-fold harness and the linear classifier it compares with the 3-nearest vote
/// (docs/decisions/0029-linear-classifier-experiment.md; figures from <c>bench phrasing-folds</c>).
/// </summary>
public sealed class PhrasingFoldEvaluationTests
{
    // The two-section manual of PhrasingMatcherTests (rooms, purpose).
    private static KnowledgeIndex Index(string[] rooms, string[] purpose, string[] negatives, string[]? inText = null) =>
        KnowledgeIndex.Build(
            [.. KnowledgeParser.Parse("mini.md", PhrasingMatcherTests.Manual).Select(s => s.Id switch
            {
                "rooms" => s with { SideQuestions = rooms, Questions = inText ?? [] },
                "purpose" => s with { SideQuestions = purpose },
                _ => s,
            })],
            KnowledgeVocabulary.Empty,
            negatives: negatives);

    private static Dictionary<string, double> Features(params string[] names) => names.ToDictionary(n => n, _ => 1.0);

    [Fact]
    public void Classifier_LearnsEachSectionAndNone_TheSameWeightsEveryTime()
    {
        (int, Dictionary<string, double>)[] samples =
        [
            (0, Features("c:会議室", "g:予約", "g:ですか")), (0, Features("c:会議室", "g:広さ")), (0, Features("c:会議室", "g:窓口", "g:って")),
            (1, Features("c:目的", "g:共有", "g:ですか")), (1, Features("c:目的", "g:方向")), (1, Features("c:目的", "g:団体", "g:って")),
            (-1, Features("c:駐車場", "g:ですか")), (-1, Features("c:駐車場", "g:台数")),
        ];

        var first = PhrasingClassifier.Train(2, samples);
        var second = PhrasingClassifier.Train(2, samples);

        Assert.Equal(3, first.Classes);
        var rooms = first.Predict(Features("c:会議室", "g:ですか"));
        Assert.True(rooms.Sections[0] > rooms.Sections[1] && rooms.Sections[0] > rooms.None, $"{rooms.Sections[0]} {rooms.Sections[1]} {rooms.None}");
        var parking = first.Predict(Features("c:駐車場", "g:って"));
        Assert.True(parking.None > parking.Sections.Max(), $"{parking.None} {parking.Sections.Max()}");
        Assert.Equal(rooms.Sections, second.Predict(Features("c:会議室", "g:ですか")).Sections);

        // Only features no sample had: nothing to go on but the biases, still a distribution.
        var unseen = first.Predict(Features("c:保険"));
        Assert.Equal(1.0, unseen.Sections.Sum() + unseen.None, 6);
    }

    [Fact]
    public void Classifier_Balanced_GivesASectionWithFewSamplesMoreWeight()
    {
        // Eight phrasings of one section against one of another (a section with only the Markdown's own phrasing).
        var samples = Enumerable.Range(0, 8).Select(i => (0, Features("g:協働", $"c:多{i}")))
            .Append((1, Features("g:協働", "c:少")))
            .Append((-1, Features("c:駐車場")))
            .ToList();

        var plain = PhrasingClassifier.Train(2, samples).Predict(Features("g:協働")).Sections[1];
        var balanced = PhrasingClassifier.Train(2, samples, balanced: true).Predict(Features("g:協働")).Sections[1];

        Assert.True(balanced > plain, $"balanced {balanced}, plain {plain}");
    }

    [Fact]
    public void Items_SpreadEachSectionOverTheFolds_AndLeaveTheMarkdownsOwnPhrasingsOut()
    {
        var index = Index(
            rooms: ["会議室1？", "会議室2？", "会議室3？", "会議室4？", "会議室5？", "会議室6？"],
            purpose: ["目的1？", "目的2？", "目的3？"],
            negatives: ["駐車場1？", "駐車場2？", "駐車場3？"],
            inText: ["会議室の予約は？"]);

        var items = PhrasingFoldEvaluation.Items(index, labels: null, folds: 3);

        Assert.DoesNotContain(items, i => i.Text == "会議室の予約は？");
        Assert.Equal(12, items.Count);
        foreach (var section in items.GroupBy(i => i.Section))
        {
            var perFold = section.GroupBy(i => i.Fold).Select(g => g.Count()).ToList();
            Assert.Equal(3, perFold.Count);
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"section {section.Key}: {string.Join(",", perFold)}");
        }

        Assert.All(items, i => Assert.Equal("other", i.Style));
    }

    [Fact]
    public void Items_ByWriter_AskOneWritersPhrasingsWithTheOthersIndexed()
    {
        var index = Index(rooms: ["会議室の予約ってどうやるの？", "How do I book a meeting room?"], purpose: ["目的ってどう決める？"], negatives: ["駐車場は？", "保険は？"]);
        var labels = new Dictionary<string, PhrasingFoldEvaluation.Label>
        {
            ["会議室の予約ってどうやるの？"] = new("P1", "casual"),
            ["How do I book a meeting room?"] = new("P2", "english"),
            ["目的ってどう決める？"] = new("P1", "casual"),
        };

        var items = PhrasingFoldEvaluation.Items(index, labels, byWriter: true);

        Assert.Equal([1, 0, 0], items.Where(i => i.Section >= 0).OrderBy(i => i.Text, StringComparer.Ordinal).Select(i => i.Fold));
        Assert.Equal("english", items.Single(i => i.Text.StartsWith("How", StringComparison.Ordinal)).Style);
        Assert.Equal([0, 1], items.Where(i => i.Section < 0).Select(i => i.Fold).Order());
    }

    [Fact]
    public void Run_AsksEachHeldOutItemWithItselfLeftOut_CountingEachMethodOnEveryItem()
    {
        // Each section's two phrasings share nothing with each other or the manual: asked with itself in the index a
        // phrasing would find itself (similarity 1) and be answered; left out, nothing leads to its section.
        var index = Index(rooms: ["ピヨピヨ", "ポンポコ"], purpose: ["モフモフ", "プニプニ"], negatives: ["駐車場は何台ありますか？", "庁舎の食堂は何時まで？"]);
        Assert.True(new KnowledgeAnswerer(new KnowledgeBase(Path.GetTempPath())).AnswerFrom(index, "ピヨピヨ", Core.Conversations.Language.Japanese).Answered);
        var items = PhrasingFoldEvaluation.Items(index, labels: null, folds: 2);

        var report = PhrasingFoldEvaluation.Run(index, new KnowledgeAnswerer(new KnowledgeBase(Path.GetTempPath())), items, bars: [0.0]);

        var (method, today) = report.Methods[0];
        Assert.StartsWith("answerer", method, StringComparison.Ordinal);
        Assert.Equal(4, today.Asked);
        Assert.Equal(2, today.Negatives);
        Assert.Equal(0, today.Exact);
        Assert.Equal(4, today.Refused);
        Assert.All(report.Methods, m => Assert.Equal((4, 2), (m.Tally.Asked, m.Tally.Negatives)));
        Assert.All(report.Methods, m => Assert.Equal(m.Tally.Asked, m.Tally.Exact + m.Tally.Related + m.Tally.Wrong + m.Tally.Refused));
    }

    [Fact]
    public void ClassifierRoute_AnswersOnlyTheUnitItIsSureOf_WithEnoughOfTheManualsWords()
    {
        var index = Index(rooms: ["会議室どこ？"], purpose: ["目的は？"], negatives: []);
        var rooms = index.Find("rooms")!.Ordinal;
        var purpose = index.Find("purpose")!.Ordinal;
        var probabilities = new double[index.Sections.Count];
        probabilities[rooms] = 0.7;
        probabilities[purpose] = 0.1;
        var signal = new KnowledgeAnswerer.ClassifierSignal(probabilities, None: 0.1, Bar: 0.5, LexicalBar: 0.2);

        Assert.True(signal.Holds(index, rooms, lexical: 0.3));
        Assert.False(signal.Holds(index, rooms, lexical: 0.1)); // too little of the manual's words
        Assert.False(signal.Holds(index, purpose, lexical: 0.9)); // not the section it is sure of
        Assert.False((signal with { None = 0.3 }).Holds(index, rooms, lexical: 0.3)); // "none" too near
        Assert.False((signal with { Bar = 0 }).Holds(index, rooms, lexical: 0.3)); // no route: ranking only
    }
}

using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

/// <summary>
/// The k-fold harness (figures from <c>bench phrasing-folds</c>; the answer decision is fitted on its outputs).
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
    public void Run_AsksEachHeldOutItemWithItselfLeftOut_CountingEveryItem()
    {
        // Each section's two phrasings share nothing with each other or the manual: asked with itself in the index a
        // phrasing would find itself (similarity 1) and be answered; left out, nothing leads to its section.
        var index = Index(rooms: ["ピヨピヨ", "ポンポコ"], purpose: ["モフモフ", "プニプニ"], negatives: ["駐車場は何台ありますか？", "庁舎の食堂は何時まで？"]);
        Assert.True(new KnowledgeAnswerer(new KnowledgeBase(Path.GetTempPath())).AnswerFrom(index, "ピヨピヨ", Core.Conversations.Language.Japanese).Answered);
        var items = PhrasingFoldEvaluation.Items(index, labels: null, folds: 2);

        var report = PhrasingFoldEvaluation.Run(index, new KnowledgeAnswerer(new KnowledgeBase(Path.GetTempPath())), items);

        var (method, today) = report.Methods[0];
        Assert.StartsWith("answerer", method, StringComparison.Ordinal);
        Assert.Equal(4, today.Asked);
        Assert.Equal(2, today.Negatives);
        Assert.Equal(0, today.Exact);
        Assert.Equal(4, today.Refused);
        Assert.All(report.Methods, m => Assert.Equal((4, 2), (m.Tally.Asked, m.Tally.Negatives)));
        Assert.All(report.Methods, m => Assert.Equal(m.Tally.Asked, m.Tally.Exact + m.Tally.Related + m.Tally.Wrong + m.Tally.Refused));
    }
}

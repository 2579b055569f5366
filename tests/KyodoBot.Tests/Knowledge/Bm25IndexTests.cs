using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

public sealed class Bm25IndexTests
{
    private static Bm25Index Index(params string[] bodies) =>
        new([(1.0, [.. bodies.Select(b => (IReadOnlyList<string>)b.Split(' '))])]);

    [Fact]
    public void Score_MatchesTheBm25Formula()
    {
        var index = Index("協働 原則", "協働 公開 公開 評価");

        var scores = index.Score(new Dictionary<string, double> { ["公開"] = 1 });

        // idf = ln(1 + (2 − 1 + 0.5) / (1 + 0.5)); tf = 2; length 4 against an average of 3.
        var idf = Math.Log(1 + (1.5 / 1.5));
        var expected = idf * 2 * 2.2 / (2 + (1.2 * (0.25 + (0.75 * 4 / 3.0))));
        Assert.Equal(0, scores[0]);
        Assert.Equal(expected, scores[1], precision: 12);
    }

    [Fact]
    public void Score_RarerTermsWeighMore_AndShorterDocumentsWin()
    {
        var index = Index("協働 公開", "協働 時限 見直 評価 定期", "協働 評価");

        var scores = index.Score(new Dictionary<string, double> { ["協働"] = 1, ["評価"] = 1 });

        Assert.True(scores[2] > scores[1]); // same terms, shorter
        Assert.True(scores[1] > scores[0]); // 評価 (in 2 of 3) outweighs nothing; 協働 is everywhere
    }

    [Fact]
    public void Score_AppliesFieldBoostsAndTermFactors()
    {
        var index = new Bm25Index(
        [
            (2.0, [["公開"], ["評価"]]),
            (1.0, [["評価"], ["公開"]]),
        ]);

        var scores = index.Score(new Dictionary<string, double> { ["公開"] = 1 });
        Assert.True(scores[0] > scores[1]); // a heading match beats a body match

        var halved = index.Score(new Dictionary<string, double> { ["公開"] = 0.5 });
        Assert.Equal(scores[0] / 2, halved[0], precision: 12);
    }
}

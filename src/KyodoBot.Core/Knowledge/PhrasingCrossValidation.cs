using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Leave-one-out over the phrasings themselves, the figures the answerer's phrasing thresholds were calibrated on:
/// every phrasing of a side file is asked as a question with itself left out of the matcher, and counts as right when
/// the answer cites its section, or the group above it or a part of it; every question of <c>_not-in-manual.tsv</c> is
/// asked with itself left out and counts as right when it is refused. Phrasings written in the Markdown itself are not
/// asked: they are also part of their section's words, so leaving them out of the matcher would not hide them.
/// </summary>
public static class PhrasingCrossValidation
{
    public sealed record Result(int Phrasings, int Right, int Wrong, int Negatives, int NegativesAnswered)
    {
        public int Refused => Phrasings - Right - Wrong;

        public override string ToString() =>
            $"phrasings asked {Phrasings}: right section {Right}, another section {Wrong}, refused {Refused}; questions the manual does not answer {Negatives}: answered {NegativesAnswered}";
    }

    /// <summary>
    /// The level the shipped phrasings keep (PhrasingMatcherTests asserts it; a refit of the decision must keep it,
    /// <c>phrasing-folds --fit --sets</c>): at least this many asked and right, at most this many answered with another
    /// section and negatives answered. A little under the last measured figures (843 / 236 / 10, session 13); 'another'
    /// raised to 238 in session 14 (849 / 238 / 10 with ADR 0060–0062 merged: left-out phrasings that were refused are
    /// now answered, six of them with a sibling, while the realistic dev sets' wrong answers fell 48 → 42 and their
    /// right answers rose 1085 → 1098); lowered to 234 in session 15 (852 / 234 / 10, ADR 0068). Session 16: the staff
    /// questions of the old development sets became phrasings and negatives (ADR 0069): 2,738 asked, 2,094 right, 280
    /// another, 8 of 792 negatives answered; with ten writers' batches (970 more phrasings, 369 negatives) and the fixes
    /// of ADR 0069: 3,708 asked, 2,952 right, 317 another, 12 of 1,161 negatives answered (1.0 %, was 3.5 % of 285) —
    /// floors (3700, 2940, 322, 12). Session 17: a close decision the story reading confirms is answered (ADR 0072):
    /// 3,027 right, 333 another, 12 negatives answered — floors (3700, 3015, 338, 12). Then 119 near-domain negatives of
    /// the shapes the development sets still answered (neg-p, ADR 0072): 3,018 right, 329 another, and 29 of 1,280
    /// negatives answered — 11 of the 1,161 older ones (was 12) and 18 of the 119 new ones, which are harder by design
    /// (the manual acknowledged, then a question beyond it) — floors (3700, 3010, 334, 29). Session 18, the phrasing
    /// classifier's second opinion (ADR 0073; a left-out phrasing is read by the model trained without its tenth):
    /// 3,108 right, 314 another, 26 negatives answered — floors (3700, 3100, 318, 27). Session 19 (ADR 0074: stories
    /// vetoed on their question sentences, English agreement): 3,125 right, 315 another, 25 negatives answered; with a
    /// story's office question vetoed, 24 — floors (3700, 3115, 318, 25). Session 20 (ADR 0075: details about named
    /// things, the other question of a two-question message): 3,125 right, 315 another, 22 — floors (3700, 3115, 318, 23).
    /// Session 21 (ADR 0076: words typed in hiragana read, pointing-back English): 3,145 right, 304 another, 22 —
    /// floors (3700, 3135, 310, 23).
    /// </summary>
    public static readonly (int Phrasings, int Right, int Wrong, int NegativesAnswered) Floors = (3700, 3135, 310, 23);

    /// <param name="observe">Called with each entry asked and its answer (to compare two versions answer by answer).</param>
    public static Result Run(KnowledgeIndex index, KnowledgeAnswerer answerer, Action<IndexedPhrasing, Answer>? observe = null)
    {
        int phrasings = 0, right = 0, wrong = 0, negatives = 0, answered = 0;
        var entries = index.Phrasings.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.InText)
            {
                continue;
            }

            var answer = answerer.AnswerFrom(index, entry.Text, LanguageResolver.Resolve(entry.Text, Language.Japanese), excludePhrasing: i);
            observe?.Invoke(entry, answer);
            if (entry.Section < 0)
            {
                negatives++;
                answered += answer.Answered ? 1 : 0;
                continue;
            }

            phrasings++;
            if (answer.Answered)
            {
                if (Related(index, index.Sections[entry.Section], answer.Citations[0].Id))
                {
                    right++;
                }
                else
                {
                    wrong++;
                }
            }
        }

        return new Result(phrasings, right, wrong, negatives, answered);
    }

    private static bool Related(KnowledgeIndex index, IndexedSection section, string cited) =>
        section.Section.Id == cited
        || section.Parent?.Section.Id == cited
        || index.Find(cited)?.Parent == section;
}

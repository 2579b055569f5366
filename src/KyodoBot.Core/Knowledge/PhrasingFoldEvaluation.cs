using System.Text;
using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Stratified k-fold over the side-file phrasings and the questions the manual does not answer (issue #10): each
/// fold's phrasings and negatives are removed from the knowledge (the matcher is built without them) and asked as
/// questions. The answers are what <see cref="AnswerDecisionFit"/> fits the answer-or-refuse decision on. Unlike
/// <see cref="PhrasingCrossValidation"/> it counts the exact section apart from "the group above or a part", so a
/// member's question answered with the group's list shows. Phrasings written in the Markdown itself always stay in
/// (they are part of their section's words too).
/// </summary>
public static class PhrasingFoldEvaluation
{
    /// <summary>Who wrote a phrasing and in which style (the writers' TSV files: section, style, text).</summary>
    public sealed record Label(string Writer, string Style);

    /// <summary>One question asked: its section (-1: a negative), its style and writer, and its fold.</summary>
    public sealed record Item(int Section, string Text, string Style, string Writer, int Fold);

    /// <summary>How one method did on the phrasings (exact, group-or-part, another, refused) and the negatives.</summary>
    public sealed class Tally
    {
        public int Asked { get; private set; }
        public int Exact { get; private set; }
        public int Related { get; private set; }
        public int Wrong { get; private set; }
        public int Negatives { get; private set; }
        public int NegativesAnswered { get; private set; }
        public Dictionary<string, (int Asked, int Exact, int Related)> ByStyle { get; } = new(StringComparer.Ordinal);

        /// <summary>Refused phrasings whose refusal offers their exact section as a button.</summary>
        public int RefusedOffered { get; private set; }

        /// <summary>Refused negatives whose refusal still shows section buttons.</summary>
        public int NegativesWithButtons { get; private set; }

        /// <summary>Refused phrasings the bot asks back (<see cref="Ask.AskBack"/>; not counted as offered).</summary>
        public int AskedBack { get; private set; }

        /// <summary>Refused negatives the bot asks back: noise.</summary>
        public int NegativesAskedBack { get; private set; }

        /// <summary>Counts what a refusal offers: the item's section among the buttons, or buttons under a negative.</summary>
        internal void AddRefusal(KnowledgeIndex index, Item item, Answer answer, int offeredSection)
        {
            if (answer.Answered)
            {
                return;
            }

            var askedBack = Ask.AskBack.Applies(index, item.Text, answer);
            AskedBack += item.Section >= 0 && askedBack ? 1 : 0;
            NegativesAskedBack += item.Section < 0 && askedBack ? 1 : 0;
            NegativesWithButtons += item.Section < 0 && answer.Suggestions.Count > 0 ? 1 : 0;
            RefusedOffered += item.Section >= 0 && offeredSection == item.Section ? 1 : 0;
        }

        public int Refused => Asked - Exact - Related - Wrong;

        /// <summary>Exact section, or the group above it or a part of it (what <see cref="PhrasingCrossValidation"/> counts).</summary>
        public int GroupOrPart => Exact + Related;

        internal void Add(KnowledgeIndex index, Item item, int answered)
        {
            if (item.Section < 0)
            {
                Negatives++;
                NegativesAnswered += answered >= 0 ? 1 : 0;
                return;
            }

            Asked++;
            var exact = answered == item.Section;
            var related = !exact && answered >= 0 && Relation(index, item.Section, answered);
            Exact += exact ? 1 : 0;
            Related += related ? 1 : 0;
            Wrong += answered >= 0 && !exact && !related ? 1 : 0;
            var style = ByStyle.GetValueOrDefault(item.Style);
            ByStyle[item.Style] = (style.Asked + 1, style.Exact + (exact ? 1 : 0), style.Related + (related ? 1 : 0));
        }

        public override string ToString() =>
            $"exact {Exact}/{Asked} ({Percent(Exact, Asked)}), group-or-part {GroupOrPart} ({Percent(GroupOrPart, Asked)}), another {Wrong}, refused {Refused}; negatives answered {NegativesAnswered}/{Negatives}";

        /// <summary>What the refusals offer (the line after <see cref="ToString"/>).</summary>
        public string Refusals() =>
            $"refused with the exact section offered {RefusedOffered}/{Refused}; negatives refused with buttons {NegativesWithButtons}/{Negatives - NegativesAnswered}; asked back: refused {AskedBack}/{Refused}, negatives {NegativesAskedBack}/{Negatives - NegativesAnswered}";

        private static string Percent(int part, int whole) => whole == 0 ? "-" : $"{100.0 * part / whole:F1} %";

        public string Styles() => string.Join(", ", ByStyle.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key} {p.Value.Exact}/{p.Value.Related + p.Value.Exact}/{p.Value.Asked}"));
    }

    /// <summary>The figures of one run: per method a tally.</summary>
    public sealed record Report(IReadOnlyList<(string Method, Tally Tally)> Methods)
    {
        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (var (method, tally) in Methods)
            {
                text.AppendLine($"{method}: {tally}");
                text.AppendLine($"    by style (exact/group-or-part/asked): {tally.Styles()}");
                text.AppendLine($"    {tally.Refusals()}");
            }

            return text.ToString();
        }
    }

    /// <summary>
    /// The side-file phrasings and the negatives of <paramref name="index"/>, each with a fold: stratified by section
    /// (negatives as one class) in a seeded order, or, <paramref name="byWriter"/>, fold 0 = writer P1's phrasings and
    /// fold 1 = the rest (negatives alternate between the two).
    /// </summary>
    public static IReadOnlyList<Item> Items(KnowledgeIndex index, IReadOnlyDictionary<string, Label>? labels, int folds = 5, bool byWriter = false)
    {
        var random = new Random(17);
        var items = new List<Item>();
        foreach (var group in index.Phrasings.Entries.Where(e => !e.InText).GroupBy(e => e.Section).OrderBy(g => g.Key))
        {
            var list = group.ToArray();
            random.Shuffle(list);
            for (var i = 0; i < list.Length; i++)
            {
                var label = labels?.GetValueOrDefault(list[i].Text);
                var writer = label?.Writer ?? "?";
                var fold = byWriter ? (list[i].Section < 0 ? i % 2 : writer == "P1" ? 0 : 1) : i % folds;
                items.Add(new Item(list[i].Section, list[i].Text, label?.Style ?? InferStyle(list[i].Text), writer, fold));
            }
        }

        return items;
    }

    /// <summary>English when it is ASCII, long when over 60 characters, else "other".</summary>
    public static string InferStyle(string text) =>
        text.All(char.IsAscii) ? "english" : text.Length > 60 ? "long" : "other";

    /// <summary>Reads writers' TSV files (section, style, text); the writer is the file name without its extension.</summary>
    public static Dictionary<string, Label> ReadLabels(IEnumerable<string> files)
    {
        var labels = new Dictionary<string, Label>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var writer = Path.GetFileNameWithoutExtension(file);
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split('\t');
                if (fields.Length >= 3 && !line.StartsWith('#'))
                {
                    labels.TryAdd(fields[^1], new Label(writer, fields[1]));
                }
            }
        }

        return labels;
    }

    /// <summary>Runs every fold and counts the answerer's answers (exact, group-or-part, another, refused; negatives answered).</summary>
    public static Report Run(KnowledgeIndex index, KnowledgeAnswerer answerer, IReadOnlyList<Item> items)
    {
        var tally = new Tally();
        foreach (var (item, answer) in Answers(index, answerer, items))
        {
            tally.Add(index, item, answer.Answered ? Ordinal(index, answer.Citations[0].Id) : -1);
            tally.AddRefusal(index, item, answer, answer.Suggestions.Any(s => Ordinal(index, s.Id) == item.Section) ? item.Section : -1);
        }

        return new Report([("answerer", tally)]);
    }

    /// <summary>
    /// Every held-out item asked, fold by fold, with that fold's phrasings and negatives removed from the knowledge
    /// (phrasings written in the Markdown itself stay).
    /// </summary>
    public static IEnumerable<(Item Item, Answer Answer)> Answers(KnowledgeIndex index, KnowledgeAnswerer answerer, IReadOnlyList<Item> items)
    {
        var sections = index.Sections.Select(s => s.Section).ToList();
        var negatives = index.Phrasings.Entries.Where(e => e.Section < 0).Select(e => e.Text).ToList();
        foreach (var fold in items.Select(i => i.Fold).Distinct().Order())
        {
            var held = items.Where(i => i.Fold == fold).ToList();
            var heldTexts = held.Select(i => i.Text).ToHashSet(StringComparer.Ordinal);
            var foldIndex = KnowledgeIndex.Build(
                [.. sections.Select(s => s with { SideQuestions = [.. s.SideQuestions.Where(q => !heldTexts.Contains(q))] })],
                index.Vocabulary,
                negatives: [.. negatives.Where(q => !heldTexts.Contains(q))]);
            foreach (var item in held)
            {
                yield return (item, answerer.AnswerFrom(foldIndex, item.Text, LanguageResolver.Resolve(item.Text, Language.Japanese)));
            }
        }
    }

    /// <summary>How a unit relates to the item's section: 1 exact, 0 the group above or a part, −1 another section or the item is a negative.</summary>
    internal static int Outcome(KnowledgeIndex index, Item item, string unit)
    {
        var answered = Ordinal(index, unit);
        return item.Section < 0 || answered < 0 ? -1
            : answered == item.Section ? 1
            : Relation(index, item.Section, answered) ? 0
            : -1;
    }

    private static int Ordinal(KnowledgeIndex index, string id) => index.Find(id)?.Ordinal ?? -1;

    private static bool Relation(KnowledgeIndex index, int asked, int answered)
    {
        var section = index.Sections[asked];
        var other = index.Sections[answered];
        return section.Parent == other || other.Parent == section;
    }
}

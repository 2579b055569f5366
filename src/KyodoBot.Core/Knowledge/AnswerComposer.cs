using System.Text;
using System.Text.RegularExpressions;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Knowledge;

/// <summary>
/// Writes the quote an answer shows: never the whole file, at most <see cref="MaxQuoteLength"/> characters, always
/// the manual's own words.
/// <list type="bullet">
/// <item>A section: its most relevant sentences and list items (those scoring at least half of the best one), in
/// their original order, with the caption (＜課題＞, [取り組み]) of a quoted list item.</item>
/// <item>A list section (the overview tables): the list itself, dropping its deepest level until it fits.</item>
/// <item>A group (a section with sub-sections): its most relevant intro sentence, then one line per part (the
/// numbered parts when some are numbered), each with its own captioned items when they fit.</item>
/// </list>
/// </summary>
public static partial class AnswerComposer
{
    public const int MaxQuoteLength = 400;
    public const int MaxExcerptLength = 160;
    private const int MaxIntroLength = 160;

    public static string Compose(IndexedSection unit, Question question, double[] weights)
    {
        if (unit.Children.Count > 0)
        {
            return ComposeGroup(unit, question, weights);
        }

        var rest = BeyondHeading(unit, question, weights);
        return unit.IsList ? ComposeList(unit.Units, question, rest) : ComposeSection(unit.Units, question, rest);
    }

    /// <summary>
    /// The weights with the concepts the section's heading already holds (at least half of their terms) set to zero:
    /// those picked the section, the rest of the question picks the sentences. When the heading holds everything, the answer is the section's
    /// opening sentences.
    /// </summary>
    private static double[] BeyondHeading(IndexedSection unit, Question question, double[] weights)
    {
        var rest = (double[])weights.Clone();
        for (var i = 0; i < rest.Length; i++)
        {
            if (question.Concepts[i].MatchIn(unit.OwnTitle) >= 0.5)
            {
                rest[i] = 0;
            }
        }

        return rest;
    }

    /// <summary>The first part of a quote, on one line, for a citation.</summary>
    public static string Excerpt(string quote)
    {
        var line = string.Join(' ', quote.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return Cut(line, MaxExcerptLength);
    }

    /// <summary>What an LLM is given for a section: its body, or for a body-less group the headings of its parts.</summary>
    public static string PassageText(IndexedSection entry)
    {
        var body = entry.Section.Body;
        if (entry.Children.Count == 0)
        {
            return body;
        }

        var parts = string.Join('\n', entry.Children.Select(c => "・" + c.Section.Title));
        return body.Length == 0 ? parts : $"{body}\n{parts}";
    }

    /// <summary>
    /// The question's weight a sentence holds; a concept counts when the sentence holds at least half of its terms, as
    /// for the heading (<see cref="BeyondHeading"/>): 市民 alone, a third of 市民参加, does not make 「市民活動団体…」 the answer
    /// to a question about taking part.
    /// </summary>
    private static double Score(BodyUnit unit, Question question, double[] weights)
    {
        var score = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            var match = question.Concepts[i].MatchIn(unit.Analyzed);
            score += match >= 0.5 ? weights[i] * match : 0;
        }

        return score;
    }

    private static string ComposeSection(IReadOnlyList<BodyUnit> units, Question question, double[] weights)
    {
        if (units.Count == 0)
        {
            return "";
        }

        var scores = units.Select(u => u.Kind == BodyUnitKind.Label ? 0 : Score(u, question, weights)).ToArray();
        var best = scores.Max();
        var chosen = new SortedSet<int>();
        var length = 0;
        var order = best > 0
            ? Enumerable.Range(0, units.Count).Where(i => scores[i] > 0 && scores[i] >= best / 2).OrderByDescending(i => scores[i]).ThenBy(i => i)
            : Enumerable.Range(0, units.Count).Where(i => units[i].Kind != BodyUnitKind.Label);
        foreach (var i in order)
        {
            var cost = units[i].Text.Length + 2;
            if (chosen.Count > 0 && length + cost > MaxQuoteLength)
            {
                if (best > 0)
                {
                    continue;
                }

                break;
            }

            chosen.Add(i);
            length += cost;
        }

        return Cut(Render(units, chosen), MaxQuoteLength);
    }

    /// <summary>Renders chosen units in order: sentences run on, list items get their own line under their caption.</summary>
    private static string Render(IReadOnlyList<BodyUnit> units, SortedSet<int> chosen)
    {
        var builder = new StringBuilder();
        var lastCaption = -1;
        foreach (var i in chosen)
        {
            var unit = units[i];
            if (unit.Kind == BodyUnitKind.ListItem)
            {
                var caption = CaptionOf(units, i);
                if (caption >= 0 && caption != lastCaption && !chosen.Contains(caption))
                {
                    NewLine(builder).Append(units[caption].Text);
                    lastCaption = caption;
                }

                NewLine(builder).Append(ListLine(unit));
            }
            else if (unit.Kind == BodyUnitKind.Label)
            {
                NewLine(builder).Append(unit.Text);
                lastCaption = i;
            }
            else
            {
                if (i > 0 && builder.Length > 0 && (units[i - 1].Kind != BodyUnitKind.Sentence || !chosen.Contains(i - 1)))
                {
                    NewLine(builder);
                }

                builder.Append(unit.Text);
            }
        }

        return builder.ToString();
    }

    private static StringBuilder NewLine(StringBuilder builder) => builder.Length > 0 ? builder.Append('\n') : builder;

    private static int CaptionOf(IReadOnlyList<BodyUnit> units, int item)
    {
        for (var i = item - 1; i >= 0; i--)
        {
            if (units[i].Kind == BodyUnitKind.Label)
            {
                return i;
            }

            if (units[i].Kind != BodyUnitKind.ListItem)
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// A list body: the branches that hold what was asked (each matching item with the items above it), or, when
    /// nothing beyond the heading was asked, the whole list with its deepest levels dropped until it fits.
    /// </summary>
    private static string ComposeList(IReadOnlyList<BodyUnit> units, Question question, double[] weights)
    {
        var items = units.Where(u => u.Kind == BodyUnitKind.ListItem).ToList();
        var scores = items.Select(u => Score(u, question, weights)).ToArray();
        var best = scores.Length == 0 ? 0 : scores.Max();
        if (best > 0)
        {
            var keep = new SortedSet<int>();
            for (var i = 0; i < items.Count; i++)
            {
                if (scores[i] < best / 2)
                {
                    continue;
                }

                keep.Add(i);
                var depth = items[i].Depth;
                for (var j = i - 1; j >= 0 && depth > 0; j--)
                {
                    if (items[j].Depth < depth)
                    {
                        keep.Add(j);
                        depth = items[j].Depth;
                    }
                }
            }

            return Cut(string.Join('\n', keep.Select(i => ListLine(items[i]))), MaxQuoteLength);
        }

        for (var depth = items.Max(u => u.Depth); depth >= 0; depth--)
        {
            var text = string.Join('\n', items.Where(u => u.Depth <= depth).Select(ListLine));
            if (text.Length <= MaxQuoteLength || depth == 0)
            {
                return Cut(text, MaxQuoteLength);
            }
        }

        return "";
    }

    private static string ListLine(BodyUnit item) => new string('　', item.Depth) + "・" + item.Text;

    private static string ComposeGroup(IndexedSection group, Question question, double[] weights)
    {
        var intro = "";
        var sentences = group.Units.Where(u => u.Kind == BodyUnitKind.Sentence).ToList();
        if (sentences.Count > 0)
        {
            var best = sentences.OrderByDescending(u => Score(u, question, weights)).First();
            intro = best.Text.Length <= MaxIntroLength ? best.Text : "";
        }

        var parts = Enumerate(group);
        var labels = parts.Select(p => PartLabel(group, parts, p)).ToList();
        var detailed = parts.Select((p, i) =>
        {
            var items = p.Units.Where(u => u.Kind == BodyUnitKind.ListItem && u.Depth == 0).Select(u => u.Text).ToList();
            return items.Count == 0 ? labels[i] : $"{labels[i]}：{string.Join("、", items)}";
        }).ToList();

        foreach (var (withIntro, lines) in new[] { (true, detailed), (true, labels), (false, labels) })
        {
            var text = Lines(withIntro ? intro : "", lines);
            if (text.Length <= MaxQuoteLength)
            {
                return text;
            }
        }

        return Cut(Lines("", labels), MaxQuoteLength);
    }

    private static string Lines(string intro, IEnumerable<string> lines)
    {
        var body = string.Join('\n', lines.Select(l => "・" + l));
        return intro.Length == 0 ? body : $"{intro}\n{body}";
    }

    /// <summary>The parts a group enumerates: its numbered sub-sections (1, ①, (1)) when it has some, else all.</summary>
    public static IReadOnlyList<IndexedSection> Enumerate(IndexedSection group)
    {
        var prefix = CommonLabelPrefix(group.Children);
        var numbered = group.Children.Where(c => Numbered().IsMatch(c.Section.Title[prefix.Length..])).ToList();
        return numbered.Count > 0 ? numbered : group.Children;
    }

    /// <summary>
    /// A part's heading shortened for a list: the words all parts share (「3章 」) dropped, and a closing note in
    /// brackets that only repeats the group's heading (「（市役所の課題）」) dropped.
    /// </summary>
    private static string PartLabel(IndexedSection group, IReadOnlyList<IndexedSection> parts, IndexedSection part)
    {
        var title = part.Section.Title;
        var prefix = CommonLabelPrefix(parts);
        var label = title[prefix.Length..].Trim();
        var note = TrailingNote().Match(label);
        if (note.Success && group.Section.Title.Contains(note.Groups["note"].Value, StringComparison.Ordinal))
        {
            label = label[..note.Index].TrimEnd();
        }

        return label.Length == 0 ? title : label;
    }

    /// <summary>The longest shared beginning of the headings, cut back to a space so no number is split.</summary>
    private static string CommonLabelPrefix(IReadOnlyList<IndexedSection> sections)
    {
        if (sections.Count < 2)
        {
            return "";
        }

        var first = sections[0].Section.Title;
        var length = first.Length;
        foreach (var s in sections.Skip(1))
        {
            var title = s.Section.Title;
            var i = 0;
            while (i < length && i < title.Length && title[i] == first[i])
            {
                i++;
            }

            length = i;
        }

        var space = first.LastIndexOf(' ', Math.Max(0, length - 1));
        return length == 0 || space < 0 ? "" : first[..(space + 1)];
    }

    /// <summary>At most <paramref name="max"/> characters, 「…」 included.</summary>
    private static string Cut(string text, int max) => text.Length <= max ? text : Ellipsis.Cut(text, max - 1);

    [GeneratedRegex(@"^\s*(?:\d|[①-⑳]|[（(]\d)")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"[（(](?<note>[^（）()]+)[）)]$")]
    private static partial Regex TrailingNote();
}

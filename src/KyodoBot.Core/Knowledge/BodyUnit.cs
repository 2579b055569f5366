using System.Text.RegularExpressions;

namespace KyodoBot.Core.Knowledge;

public enum BodyUnitKind
{
    Sentence,
    ListItem,

    /// <summary>A caption such as ＜課題＞ or [取り組み] that introduces the list below it.</summary>
    Label,
}

/// <summary>The smallest piece of a section an answer quotes: one sentence, one list item, or one caption.</summary>
public sealed record BodyUnit(string Text, BodyUnitKind Kind, int Depth, AnalyzedText Analyzed);

/// <summary>Splits a section body into sentences (at 。！？), list items (with their depth) and captions.</summary>
public static partial class BodyUnits
{
    public static IReadOnlyList<(string Text, BodyUnitKind Kind, int Depth)> Split(string body)
    {
        var units = new List<(string, BodyUnitKind, int)>();
        foreach (var rawLine in body.Split('\n'))
        {
            if (rawLine.Trim().Length == 0)
            {
                continue;
            }

            var item = ListItem().Match(rawLine);
            if (item.Success)
            {
                var text = item.Groups["text"].Value.Trim().TrimStart('・').Trim();
                if (text.Length > 0)
                {
                    units.Add((text, BodyUnitKind.ListItem, item.Groups["indent"].Value.Replace("\t", "  ", StringComparison.Ordinal).Length / 2));
                }

                continue;
            }

            var line = rawLine.Trim();
            if (Label().IsMatch(line))
            {
                units.Add((line, BodyUnitKind.Label, 0));
                continue;
            }

            foreach (Match sentence in Sentence().Matches(line))
            {
                var text = sentence.Value.Trim();
                if (text.Length > 0)
                {
                    units.Add((text, BodyUnitKind.Sentence, 0));
                }
            }
        }

        return units;
    }

    [GeneratedRegex(@"^(?<indent>[ \t]*)[-*+][ \t]+(?<text>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^[<＜\[［【][^<>＜＞\[\]［］【】]{1,15}[>＞\]］】]$")]
    private static partial Regex Label();

    [GeneratedRegex(@"[^。！？!?]+(?:[。！？!?]+|$)")]
    private static partial Regex Sentence();
}

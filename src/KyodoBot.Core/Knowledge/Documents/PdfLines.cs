using System.Text;
using System.Text.RegularExpressions;
using KyodoBot.Core.Text;
using UglyToad.PdfPig.Content;

namespace KyodoBot.Core.Knowledge.Documents;

/// <summary>
/// One line of a PDF page as read from its letters. <see cref="Baseline"/> grows upwards (PDF space); lines are kept
/// top to bottom. <see cref="Size"/> is the line's most common letter size. <see cref="IsTableRow"/> is a line whose
/// letters leave wide gaps: its parts are table cells (or columns), joined with 「 / 」.
/// </summary>
public sealed record PdfLine(int Page, string Text, double Baseline, double Left, double Right, double Size, bool IsTableRow);

/// <summary>
/// The layout rules for PDF text: letters into lines, running headers/footers and page numbers out, ruby out,
/// lines broken by layout joined back into paragraphs.
/// </summary>
public static partial class PdfLines
{
    /// <summary>A gap wider than this many letter sizes separates table cells (or columns).</summary>
    private const double CellGap = 1.8;

    /// <summary>
    /// The lines of a page, top to bottom. Horizontal letters are grouped by baseline and read left to right; letters
    /// drawn rotated (vertical writing set as rotated glyphs) are read in the order the page draws them, a new line
    /// wherever the position jumps, which is the reading order of the PDFs seen so far — PdfPig does not report the
    /// writing mode of a vertical (Identity-V) font, so that is the best available.
    /// </summary>
    public static List<PdfLine> Read(int page, IReadOnlyList<Letter> letters)
    {
        var visible = letters.Where(l => l.Value.Length > 0).ToList();
        var horizontal = visible.Where(l => l.TextOrientation == TextOrientation.Horizontal).ToList();
        var lines = Horizontal(page, horizontal);
        if (visible.Count > horizontal.Count)
        {
            lines.AddRange(Rotated(page, visible.Where(l => l.TextOrientation != TextOrientation.Horizontal).ToList()));
        }

        return lines;
    }

    private static List<PdfLine> Horizontal(int page, List<Letter> letters)
    {
        var lines = new List<PdfLine>();
        foreach (var row in Rows(letters))
        {
            row.Sort((a, b) => a.StartBaseLine.X.CompareTo(b.StartBaseLine.X));
            var size = row.Where(l => !string.IsNullOrWhiteSpace(l.Value)).GroupBy(l => Math.Round(l.PointSize * 2) / 2)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault(Math.Max(row[0].PointSize, 1));
            var clean = Spaces().Replace(RowText(row, size, out var table), " ").Trim().Trim('/').Trim();
            if (clean.Length > 0)
            {
                var visible = row.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
                lines.Add(new PdfLine(page, clean, row[0].StartBaseLine.Y, visible.Min(l => l.StartBaseLine.X),
                    visible.Max(l => l.EndBaseLine.X), size, table));
            }
        }

        return lines;
    }

    /// <summary>Letters grouped by baseline, top to bottom.</summary>
    private static List<List<Letter>> Rows(List<Letter> letters)
    {
        var rows = new List<List<Letter>>();
        foreach (var letter in letters.OrderByDescending(l => l.StartBaseLine.Y).ThenBy(l => l.StartBaseLine.X))
        {
            var size = Math.Max(letter.PointSize, 1);
            var row = rows.LastOrDefault();
            if (row is not null && Math.Abs(row[0].StartBaseLine.Y - letter.StartBaseLine.Y) <= 0.25 * size)
            {
                row.Add(letter);
            }
            else
            {
                rows.Add([letter]);
            }
        }

        return rows;
    }

    /// <summary>A row's letters left to right: a space for a word gap, 「 / 」 for a cell gap (<paramref name="table"/>).</summary>
    private static string RowText(List<Letter> row, double size, out bool table)
    {
        var text = new StringBuilder();
        table = false;
        Letter? previous = null;
        foreach (var letter in row)
        {
            if (previous is not null)
            {
                var gap = letter.StartBaseLine.X - previous.EndBaseLine.X;
                if (gap > CellGap * size && !string.IsNullOrWhiteSpace(letter.Value))
                {
                    text.Append(" / ");
                    table = true;
                }
                else if (gap > 0.2 * size && text.Length > 0 && text[^1] != ' ' && !string.IsNullOrWhiteSpace(letter.Value))
                {
                    text.Append(' ');
                }
            }

            text.Append(letter.Value);

            // A space glyph: measure the next gap from the last visible letter, not from the space.
            if (!string.IsNullOrWhiteSpace(letter.Value))
            {
                previous = letter;
            }
        }

        return text.ToString();
    }

    private static IEnumerable<PdfLine> Rotated(int page, List<Letter> letters)
    {
        var text = new StringBuilder();
        Letter? previous = null;
        var first = letters.FirstOrDefault();
        foreach (var letter in letters)
        {
            if (previous is not null && Distance(previous.EndBaseLine, letter.StartBaseLine) > 1.5 * Math.Max(letter.PointSize, 1))
            {
                if (text.ToString().Trim() is { Length: > 0 } line)
                {
                    yield return new PdfLine(page, line, first!.StartBaseLine.Y, first.StartBaseLine.X, first.StartBaseLine.X, first.PointSize, false);
                }

                text.Clear();
                first = letter;
            }

            text.Append(letter.Value);
            previous = letter;
        }

        if (text.ToString().Trim() is { Length: > 0 } last)
        {
            yield return new PdfLine(page, last, first!.StartBaseLine.Y, first.StartBaseLine.X, first.StartBaseLine.X, first.PointSize, false);
        }
    }

    private static double Distance(UglyToad.PdfPig.Core.PdfPoint a, UglyToad.PdfPig.Core.PdfPoint b) =>
        Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    /// <summary>
    /// Removes what is printed on every page rather than written in the document: a line among the first or last two
    /// of a page whose text (digits ignored) is at an edge of at least half the pages (and of 3 or more), and an edge
    /// line that is only a page number (「12」, 「- 12 -」, 「12 / 40」, 「p.12」, 「12ページ」).
    /// </summary>
    public static void DropPageFurniture(IReadOnlyList<List<PdfLine>> pages)
    {
        static IEnumerable<PdfLine> Edges(List<PdfLine> lines) =>
            lines.Count <= 4 ? lines : lines.Take(2).Concat(lines.TakeLast(2));

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var lines in pages)
        {
            foreach (var key in Edges(lines).Select(l => Key(l.Text)).Distinct(StringComparer.Ordinal))
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var withText = pages.Count(p => p.Count > 0);
        var repeatedAt = Math.Max(3, (withText + 1) / 2);
        foreach (var lines in pages)
        {
            var drop = Edges(lines)
                .Where(l => PageNumber().IsMatch(TextNormalizer.Key(l.Text)) || (withText >= 3 && counts[Key(l.Text)] >= repeatedAt))
                .ToList();
            lines.RemoveAll(drop.Contains);
        }
    }

    private static string Key(string text) => Digits().Replace(TextNormalizer.Key(text).Replace(" ", "", StringComparison.Ordinal), "#");

    /// <summary>
    /// Removes ruby (furigana): a line of letters at most 0.6 times the size of the line right below it, sitting
    /// within that line's width and less than 1.5 of its sizes above its baseline.
    /// </summary>
    public static void DropRuby(List<PdfLine> lines)
    {
        for (var i = lines.Count - 2; i >= 0; i--)
        {
            var ruby = lines[i];
            var below = lines[i + 1];
            if (ruby.Size <= 0.6 * below.Size && ruby.Baseline - below.Baseline < 1.5 * below.Size
                && ruby.Left >= below.Left - below.Size && ruby.Right <= below.Right + below.Size)
            {
                lines.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// Joins lines broken by layout into paragraphs, one paragraph a line of the result. A paragraph ends at a wide
    /// vertical gap, after a short line that closes a sentence, before an indented line or a bullet, and around table
    /// rows. Bullets (・●○■◆) become <c>- </c> so that the items are quoted as a list. CJK lines are joined without a
    /// space, Latin ones with one.
    /// </summary>
    public static List<string> Paragraphs(IReadOnlyList<PdfLine> lines)
    {
        var result = new List<string>();
        if (lines.Count == 0)
        {
            return result;
        }

        var left = lines.GroupBy(l => Math.Round(l.Left)).OrderByDescending(g => g.Count()).First().Key;
        var right = lines.Max(l => l.Right);
        var paragraph = new StringBuilder();
        PdfLine? previous = null;
        foreach (var line in lines)
        {
            var bullet = Bullet().Match(line.Text);
            var text = bullet.Success ? "- " + line.Text[bullet.Length..].Trim() : line.Text;
            var breakBefore = previous is null
                || line.IsTableRow || previous.IsTableRow || bullet.Success || NumberedItem().IsMatch(line.Text)
                || (line.Page == previous.Page && previous.Baseline - line.Baseline > 1.9 * Math.Max(line.Size, previous.Size))
                || (line.Left > left + (0.8 * line.Size) && !HangsUnder(paragraph, previous, line))
                || (SentenceEnd().IsMatch(previous.Text) && previous.Right < right - (2 * previous.Size));
            if (breakBefore && paragraph.Length > 0)
            {
                result.Add(paragraph.ToString());
                paragraph.Clear();
            }

            if (paragraph.Length > 0)
            {
                var last = paragraph[^1];
                if (last == '-' && paragraph.Length > 1 && char.IsAsciiLetterLower(paragraph[^2]) && char.IsAsciiLetterLower(text[0]))
                {
                    paragraph.Length--;
                }
                else if (!(IsWide(last) || IsWide(text[0])))
                {
                    paragraph.Append(' ');
                }
            }

            paragraph.Append(paragraph.Length == 0 ? text : text.TrimStart());
            previous = line;
        }

        if (paragraph.Length > 0)
        {
            result.Add(paragraph.ToString());
        }

        return result;
    }

    /// <summary>Japanese script and full-width punctuation: lines of it are joined without a space.</summary>
    internal static bool IsWide(char c) => c >= '\u2E80' && !(c is >= '\uFF01' and <= '\uFF5E' && char.IsLetterOrDigit(c));

    /// <summary>A list item's wrapped line, indented past the bullet (a hanging indent): it continues the item.</summary>
    private static bool HangsUnder(StringBuilder paragraph, PdfLine? previous, PdfLine line) =>
        previous is not null && paragraph.Length > 2 && paragraph[0] == '-' && paragraph[1] == ' '
        && line.Left > previous.Left && line.Left - previous.Left < 3 * line.Size;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[0-9]+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^(?:[-–—‐ー ]*[0-9]+[-–—‐ー ]*|[0-9]+ ?/ ?[0-9]+|p\.? ?[0-9]+|[0-9]+ ?ページ|[(（]?[0-9]+[)）]?)$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^[・●○■□◆◇▪•‣-][ \u3000]*")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?:[(（][0-9０-９]+[)）]|[0-9０-９]+[.．、]|[①-⑳]|第[0-9０-９一二三四五六七八九十]+条)")]
    private static partial Regex NumberedItem();

    [GeneratedRegex(@"[。．！？!?：:」）).]$")]
    private static partial Regex SentenceEnd();
}

using System.Text;
using System.Text.RegularExpressions;
using KyodoBot.Core.Text;
using UglyToad.PdfPig.Content;

namespace KyodoBot.Core.Knowledge.Documents;

/// <summary>
/// One line of a PDF page as read from its letters, in reading space: <see cref="Baseline"/> grows towards the lines
/// read earlier (upwards for horizontal text — PDF y; rightwards for vertical text — the column's x), so lines are kept
/// in decreasing <see cref="Baseline"/> within a column. <see cref="Left"/> and <see cref="Right"/> are measured along
/// the line from the left edge (top, for vertical text) of the text block the line belongs to, and <see cref="Measure"/>
/// is that block's width: a line ending well before it is short. <see cref="Size"/> is the line's most common letter
/// size. <see cref="IsTableRow"/> is a line whose letters leave wide gaps: its parts are table cells, joined with 「 / 」.
/// </summary>
public sealed record PdfLine(int Page, string Text, double Baseline, double Left, double Right, double Size, bool IsTableRow)
{
    public double Measure { get; init; } = Right;
}

/// <summary>
/// The layout rules for PDF text: letters into lines (horizontal or vertical writing, one or two columns), running
/// headers/footers and page numbers out, ruby out, lines broken by layout joined back into paragraphs.
/// </summary>
public static partial class PdfLines
{
    /// <summary>A gap wider than this many letter sizes separates table cells (or columns).</summary>
    private const double CellGap = 1.8;

    /// <summary>Ruby (furigana) is set at most this fraction of its base text's size.</summary>
    private const double RubyRatio = 0.6;

    /// <summary>
    /// A letter reduced to what the layout rules need, in reading space: <see cref="X"/> to <see cref="EndX"/> along
    /// the line, <see cref="Y"/> across lines, growing towards the lines read earlier.
    /// </summary>
    private sealed record Glyph(string Value, double X, double EndX, double Y, double Size)
    {
        public bool IsBlank => string.IsNullOrWhiteSpace(Value);
    }

    /// <summary>
    /// The lines of a page in reading order. Horizontal letters are grouped by baseline and read left to right.
    /// Vertical writing (縦書き) — recognised by its letters stepping down a column in drawing order, which is how
    /// PdfPig places the glyphs of a vertical (Identity-V) font, upright — is read column by column, right to left,
    /// each top to bottom, between the horizontal lines above it (a running header) and below it (a page number).
    /// A page whose lines leave a gutter through most of them is read column by column (<see cref="Gutter"/>).
    /// Letters drawn rotated outside vertical writing are read in drawing order (<paramref name="rotated"/> says so).
    /// </summary>
    public static List<PdfLine> Read(int page, IReadOnlyList<Letter> letters, out bool rotated)
    {
        var visible = letters.Where(l => l.Value.Length > 0).ToList();
        var vertical = VerticalWriting(visible);
        var rest = vertical.Count == 0 ? visible : visible.Where(l => !vertical.Contains(l)).ToList();
        var lines = Lines(page, rest.Where(l => l.TextOrientation == TextOrientation.Horizontal)
            .Select(l => new Glyph(l.Value, l.StartBaseLine.X, l.EndBaseLine.X, l.StartBaseLine.Y, Math.Max(l.PointSize, 1))).ToList());
        if (vertical.Count > 0)
        {
            var top = vertical.Max(l => l.StartBaseLine.Y);
            var above = lines.TakeWhile(l => l.Baseline > top).Count();
            lines.InsertRange(above, Lines(page, vertical.Select(VerticalGlyph).ToList()));
        }

        var turned = rest.Where(l => l.TextOrientation != TextOrientation.Horizontal).ToList();
        rotated = turned.Any(l => !string.IsNullOrWhiteSpace(l.Value));
        lines.AddRange(Rotated(page, turned));
        return lines;
    }

    /// <summary>
    /// The letters of vertical writing on the page: when more consecutive upright letters (in drawing order) step one
    /// letter down the same column than along a line, the letters inside the area those steps cover (widened by half
    /// a letter, for ruby beside the first column). Empty for a horizontal page.
    /// </summary>
    private static HashSet<Letter> VerticalWriting(List<Letter> letters)
    {
        var (down, across) = (0, 0);
        var (left, right, bottom, top) = (double.MaxValue, double.MinValue, double.MaxValue, double.MinValue);
        for (var i = 1; i < letters.Count; i++)
        {
            var (a, b) = (letters[i - 1], letters[i]);
            if (a.TextOrientation != TextOrientation.Horizontal || b.TextOrientation != TextOrientation.Horizontal)
            {
                continue;
            }

            var size = Math.Max(a.PointSize, 1);
            var step = a.StartBaseLine.Y - b.StartBaseLine.Y;
            if (Math.Abs(a.StartBaseLine.X - b.StartBaseLine.X) < 0.3 * size && step >= 0.5 * size && step <= 2.5 * size)
            {
                down++;
                (left, right) = (Math.Min(left, a.StartBaseLine.X - (0.5 * size)), Math.Max(right, a.StartBaseLine.X + (1.5 * size)));
                (bottom, top) = (Math.Min(bottom, b.StartBaseLine.Y), Math.Max(top, a.StartBaseLine.Y));
            }
            else if (Math.Abs(step) < 0.25 * size && (b.StartBaseLine.X - a.EndBaseLine.X) / size is > -0.1 and < 2)
            {
                across++;
            }
        }

        if (down < 2 || down <= across)
        {
            return [];
        }

        return [.. letters.Where(l => l.StartBaseLine.Y >= bottom - (0.5 * l.PointSize) && l.StartBaseLine.Y <= top + (0.5 * l.PointSize)
            && Middle(l) >= left && Middle(l) <= right)];
    }

    /// <summary>The horizontal middle of a letter as placed in a vertical column (its left edge plus half a letter).</summary>
    private static double Middle(Letter l) => l.TextOrientation == TextOrientation.Horizontal
        ? l.StartBaseLine.X + (0.5 * l.PointSize)
        : (l.BoundingBox.Left + l.BoundingBox.Right) / 2;

    /// <summary>
    /// A letter of vertical writing in reading space: along the line is down the column (top first), across lines is
    /// the column's x (right first). An upright letter fills one letter size down from its top; a rotated one (Latin
    /// text turned in a column) spans its baseline.
    /// </summary>
    private static Glyph VerticalGlyph(Letter l)
    {
        var size = Math.Max(l.PointSize, 1);
        var (from, to) = l.TextOrientation == TextOrientation.Horizontal
            ? (l.StartBaseLine.Y + size, l.StartBaseLine.Y)
            : (Math.Max(l.StartBaseLine.Y, l.EndBaseLine.Y), Math.Min(l.StartBaseLine.Y, l.EndBaseLine.Y));
        return new Glyph(l.Value, -from, -to, Middle(l), size);
    }

    /// <summary>
    /// Glyphs into lines: rows by baseline (inline ruby dropped), and when a gutter runs through most rows, the rows
    /// between two rows that cross it are read left part first, then right part (two columns, or two tiers of
    /// vertical writing). Positions become relative to each text block, whose width is every line's
    /// <see cref="PdfLine.Measure"/>.
    /// </summary>
    private static List<PdfLine> Lines(int page, List<Glyph> glyphs)
    {
        // Space glyphs are left out: a gap between letters says where a space goes.
        var rows = Rows(glyphs.Where(x => !x.IsBlank).ToList());
        rows.ForEach(DropInlineRuby);
        rows.RemoveAll(r => r.Count == 0);
        var gutter = Gutter(rows);
        var full = new List<List<Glyph>>();
        var (leftColumn, rightColumn) = (new List<List<Glyph>>(), new List<List<Glyph>>());
        var order = new List<(List<List<Glyph>> Block, List<Glyph> Row)>();
        var blockStart = 0;
        void Flush()
        {
            // The column rows since the last full row: the left column's, then the right column's.
            var block = order.Skip(blockStart).OrderBy(p => p.Block == rightColumn).ToList();
            order.RemoveRange(blockStart, order.Count - blockStart);
            order.AddRange(block);
        }

        foreach (var row in rows)
        {
            var leftPart = gutter is { } g ? row.Where(x => x.EndX <= g.From + 0.01).ToList() : row;
            var rightPart = gutter is { } h ? row.Where(x => x.X >= h.To - 0.01).ToList() : [];
            if (gutter is null || leftPart.Count + rightPart.Count < row.Count)
            {
                if (gutter is not null)
                {
                    Flush();
                }

                full.Add(row);
                order.Add((full, row));
                blockStart = order.Count;
                continue;
            }

            foreach (var (part, column) in new[] { (leftPart, leftColumn), (rightPart, rightColumn) }.Where(p => p.Item1.Count > 0))
            {
                column.Add(part);
                order.Add((column, part));
            }
        }

        Flush();
        var edges = new[] { full, leftColumn, rightColumn }.Where(b => b.Count > 0)
            .ToDictionary(b => b, b => (From: b.Min(r => r.Min(x => x.X)), To: b.Max(r => r.Max(x => x.EndX))));
        var lines = new List<PdfLine>();
        foreach (var (block, row) in order)
        {
            var (from, to) = edges[block];
            if (Line(page, row, from) is { } line)
            {
                lines.Add(line with { Measure = to - from });
            }
        }

        return lines;
    }

    private static PdfLine? Line(int page, List<Glyph> row, double origin)
    {
        var size = MainSize(row);
        var clean = Spaces().Replace(RowText(row, size, out var table), " ").Trim().Trim('/').Trim();
        if (clean.Length == 0)
        {
            return null;
        }

        var baseline = row.FirstOrDefault(x => Math.Abs(x.Size - size) < 0.25, row[0]).Y;
        return new PdfLine(page, clean, baseline, row.Min(x => x.X) - origin, row.Max(x => x.EndX) - origin, size, table);
    }

    private static double MainSize(List<Glyph> row) =>
        row.GroupBy(x => Math.Round(x.Size * 2) / 2)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault(row[0].Size);

    /// <summary>Glyphs grouped by baseline, first line first, each row left to right.</summary>
    private static List<List<Glyph>> Rows(List<Glyph> glyphs)
    {
        var rows = new List<List<Glyph>>();
        glyphs.Sort((a, b) => a.Y != b.Y ? b.Y.CompareTo(a.Y) : a.X.CompareTo(b.X));
        foreach (var glyph in glyphs)
        {
            var row = rows.LastOrDefault();
            if (row is not null && Math.Abs(row[0].Y - glyph.Y) <= 0.25 * glyph.Size)
            {
                row.Add(glyph);
            }
            else
            {
                rows.Add([glyph]);
            }
        }

        rows.ForEach(r => r.Sort((a, b) => a.X.CompareTo(b.X)));
        return rows;
    }

    /// <summary>
    /// Removes ruby that landed in its base text's row (set on, or close to, the same baseline): kana at most
    /// <see cref="RubyRatio"/> of the row's size, lying over or among the row's full-size letters.
    /// </summary>
    private static void DropInlineRuby(List<Glyph> row)
    {
        var (smallest, largest) = (row.Min(x => x.Size), row.Max(x => x.Size));
        if (smallest > RubyRatio * largest)
        {
            return;
        }

        var size = MainSize(row);
        var bases = row.Where(x => x.Size > RubyRatio * size).ToList();
        if (bases.Count == 0 || bases.Count == row.Count)
        {
            return;
        }

        var (from, to) = (bases.Min(x => x.X) - (0.5 * size), bases.Max(x => x.EndX) + (0.5 * size));
        row.RemoveAll(x => x.Size <= RubyRatio * size && x.Value.All(IsKana) && (x.X + x.EndX) / 2 is var middle && middle >= from && middle <= to);
    }

    private static bool IsKana(char c) => c is (>= '\u3041' and <= '\u309F') or (>= '\u30A0' and <= '\u30FF');

    /// <summary>
    /// A gutter between two columns: the widest band, in the middle three fifths of the text's width and at least
    /// <see cref="CellGap"/> letters wide, that no row covers (a row covers the space between letters closer than a
    /// cell gap) in at least three rows of four (a title or a page number may cross it; the band crossed by fewest
    /// rows wins), with text on each side in at least a third of them. A table's gaps
    /// look alike, so the left column's rows must also mostly run up to the gutter (justified text does; a table's
    /// first cells are ragged). Pages of fewer than 6 rows have none.
    /// </summary>
    private static (double From, double To)? Gutter(List<List<Glyph>> rows)
    {
        if (rows.Count < 6)
        {
            return null;
        }

        var size = rows.SelectMany(r => r).CountBy(x => Math.Round(x.Size * 2) / 2).MaxBy(c => c.Value).Key;
        var (start, end) = (rows.Min(r => r[0].X), rows.Max(r => r.Max(x => x.EndX)));
        var bins = (int)Math.Ceiling(end - start) + 1;

        // How many rows cover each point: +1 where a row's run of letters starts, -1 after it ends.
        var covered = new int[bins + 1];
        foreach (var row in rows)
        {
            var (runFrom, runTo) = (row[0].X, row[0].EndX);
            for (var i = 1; i <= row.Count; i++)
            {
                if (i < row.Count && row[i].X - runTo < CellGap * size)
                {
                    runTo = Math.Max(runTo, row[i].EndX);
                    continue;
                }

                covered[Math.Clamp((int)(runFrom - start), 0, bins)]++;
                covered[Math.Clamp((int)(runTo - start) + 1, 0, bins)]--;
                if (i < row.Count)
                {
                    (runFrom, runTo) = (row[i].X, row[i].EndX);
                }
            }
        }

        for (var b = 1; b <= bins; b++)
        {
            covered[b] += covered[b - 1];
        }

        // The emptiest band first (crossed by the fewest rows), the widest of those.
        var (best, bestFrom, bestTo) = (0, 0, 0);
        for (var crossing = 0; crossing <= 0.25 * rows.Count && best < CellGap * size; crossing++)
        {
            (best, bestFrom, bestTo) = WidestBand(covered.AsSpan(0, bins), crossing);
        }

        if (best < CellGap * size)
        {
            return null;
        }

        var (from, until) = (start + bestFrom, start + bestTo);
        var split = rows.Where(r => r.All(x => x.EndX <= from + 1 || x.X >= until - 1)).ToList();
        var lefts = split.Select(r => r.Where(x => x.EndX <= from + 1).ToList()).Where(p => p.Count > 0).ToList();
        var rights = split.Count(r => r.Any(x => x.X >= until - 1));
        var filled = lefts.Count(p => p.Max(x => x.EndX) >= from - (2 * size));
        return lefts.Count >= rows.Count / 3.0 && rights >= rows.Count / 3.0 && filled >= 0.5 * lefts.Count
            ? (from, until)
            : null;
    }

    /// <summary>The widest run of bins in the middle three fifths covered by at most <paramref name="crossing"/> rows.</summary>
    private static (int Width, int From, int To) WidestBand(ReadOnlySpan<int> covered, int crossing)
    {
        var (best, bestFrom, bestTo) = (0, 0, 0);
        for (var b = (int)(0.2 * covered.Length); b < 0.8 * covered.Length; b++)
        {
            var e = b;
            while (e < covered.Length && covered[e] <= crossing)
            {
                e++;
            }

            if (e - b > best)
            {
                (best, bestFrom, bestTo) = (e - b, b, e);
            }

            b = e;
        }

        return (best, bestFrom, bestTo);
    }

    /// <summary>A row's glyphs left to right: a space for a word gap, 「 / 」 for a cell gap (<paramref name="table"/>).</summary>
    private static string RowText(List<Glyph> row, double size, out bool table)
    {
        var text = new StringBuilder();
        table = false;
        Glyph? previous = null;
        foreach (var glyph in row)
        {
            if (previous is { } before)
            {
                var gap = glyph.X - before.EndX;
                if (gap > CellGap * size)
                {
                    text.Append(" / ");
                    table = true;
                }
                else if (gap > 0.2 * size && text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }
            }

            text.Append(glyph.Value);
            previous = glyph;
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
            if (ruby.Size <= RubyRatio * below.Size && ruby.Baseline - below.Baseline < 1.5 * below.Size
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
                || (SentenceEnd().IsMatch(previous.Text) && previous.Right < previous.Measure - (2 * previous.Size));
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

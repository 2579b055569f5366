using KyodoBot.Core.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Outline;

namespace KyodoBot.Core.Knowledge.Documents;

/// <summary>
/// Reads a PDF with PdfPig. Headings come from the outline (bookmarks) when the file has one: each bookmark starts a
/// section at the line of its page that carries its title (or at the top of that page). Without an outline, lines set
/// clearly larger than the body text (at least 1.15 times its most common size, at most 60 characters) are headings,
/// the largest size level 1, the next level 2, the rest level 3. Without either, each page is a section. Page
/// furniture (running headers and footers, page numbers) and ruby are dropped and the lines are joined back into
/// paragraphs (<see cref="PdfLines"/>). A page with images and no text is reported: text inside images is not read.
/// </summary>
public sealed class PdfDocumentReader : IKnowledgeDocumentReader
{
    private const double HeadingRatio = 1.15;
    private const int MaxHeadingLength = 60;

    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    public DocumentContent Read(Stream stream)
    {
        PdfDocument pdf;
        try
        {
            pdf = PdfDocument.Open(stream);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentReadException("the PDF is encrypted (password protected): save it without a password", ex);
        }
        catch (Exception ex) when (ex is PdfDocumentFormatException or InvalidOperationException or ArgumentException or IOException)
        {
            throw new DocumentReadException($"not a readable PDF file: {ex.Message}", ex);
        }

        using (pdf)
        {
            var problems = new List<DocumentProblem>();
            var pages = new List<List<PdfLine>>();
            for (var number = 1; number <= pdf.NumberOfPages; number++)
            {
                var page = pdf.GetPage(number);
                var lines = PdfLines.Read(number, page.Letters, out var rotated);
                if (lines.Count == 0 && page.NumberOfImages > 0)
                {
                    problems.Add(new DocumentProblem(number, "the page is an image without text (a scan?): it is not read; run OCR on the file first"));
                }

                if (rotated)
                {
                    problems.Add(new DocumentProblem(number, "rotated text: read in the order the page draws it; check the sections"));
                }

                PdfLines.DropRuby(lines);
                pages.Add(lines);
            }

            PdfLines.DropPageFurniture(pages);
            var all = pages.SelectMany(p => p).ToList();
            var title = pdf.Information.Title;
            if (pdf.TryGetBookmarks(out var bookmarks, false) && Flatten(bookmarks.Roots).ToList() is { Count: > 0 } marks)
            {
                return new DocumentContent(FromOutline(all, marks), problems, title) { HeadingSource = "PDF outline (bookmarks)", PageCount = pdf.NumberOfPages };
            }

            var byFont = FromFontSizes(all);
            if (byFont is not null)
            {
                return new DocumentContent(byFont, problems, title) { HeadingSource = "font sizes", PageCount = pdf.NumberOfPages };
            }

            problems.Add(new DocumentProblem(null, "no outline and no larger heading lines: one section per page"));
            var perPage = pages.Where(p => p.Count > 0)
                .Select(p => new DocumentBlock(1, $"{p[0].Page}ページ", p[0].Page, PdfLines.Paragraphs(p)))
                .ToList();
            return new DocumentContent(perPage, problems, title) { HeadingSource = "none (pages)", PageCount = pdf.NumberOfPages };
        }
    }

    private static IEnumerable<(string Title, int Level, int Page)> Flatten(IEnumerable<BookmarkNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is DocumentBookmarkNode document && node.Title?.Trim() is { Length: > 0 } title)
            {
                yield return (title, node.Level + 1, document.PageNumber);
            }

            foreach (var child in Flatten(node.Children))
            {
                yield return child;
            }
        }
    }

    /// <summary>Cuts the lines at each bookmark: at the line of its page that holds its title, else at the page's top.</summary>
    private static List<DocumentBlock> FromOutline(List<PdfLine> lines, List<(string Title, int Level, int Page)> marks)
    {
        var starts = new List<(int Line, int Consumed, string Title, int Level, int Page)>();
        var cursor = 0;
        foreach (var (title, level, page) in marks)
        {
            var firstOnPage = lines.FindIndex(l => l.Page >= page);
            if (firstOnPage < 0)
            {
                firstOnPage = lines.Count;
            }

            var from = Math.Max(cursor, firstOnPage);
            var key = Squeeze(title);
            var found = -1;
            var consumed = 0;
            for (var i = from; i < lines.Count && lines[i].Page == page && found < 0; i++)
            {
                // A long heading may wrap over two or three lines.
                var text = "";
                for (var n = 1; n <= 3 && i + n - 1 < lines.Count; n++)
                {
                    text += Squeeze(lines[i + n - 1].Text);
                    if (text == key || (text.Length >= 4 && key.StartsWith(text, StringComparison.Ordinal) && n == 3) || text.EndsWith(key, StringComparison.Ordinal))
                    {
                        found = i;
                        consumed = n;
                        break;
                    }

                    if (!key.StartsWith(text, StringComparison.Ordinal))
                    {
                        break;
                    }
                }
            }

            var start = found >= 0 ? found : from;
            starts.Add((start, consumed, title, level, page));
            cursor = start + consumed;
        }

        var blocks = new List<DocumentBlock> { new(0, "", 1, PdfLines.Paragraphs(lines.Take(starts.Count > 0 ? starts[0].Line : lines.Count).ToList())) };
        for (var i = 0; i < starts.Count; i++)
        {
            var bodyFrom = starts[i].Line + starts[i].Consumed;
            var bodyTo = i + 1 < starts.Count ? starts[i + 1].Line : lines.Count;
            var body = bodyTo > bodyFrom ? lines.GetRange(bodyFrom, bodyTo - bodyFrom) : [];
            blocks.Add(new DocumentBlock(starts[i].Level, starts[i].Title, starts[i].Page, PdfLines.Paragraphs(body)));
        }

        return blocks;
    }

    private static List<DocumentBlock>? FromFontSizes(List<PdfLine> lines)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        var body = lines.GroupBy(l => Math.Round(l.Size * 2) / 2).OrderByDescending(g => g.Sum(l => l.Text.Length)).First().Key;
        bool IsHeading(PdfLine l) => l.Size >= HeadingRatio * body && l.Text.Length <= MaxHeadingLength && !l.IsTableRow;
        var sizes = lines.Where(IsHeading).Select(l => Math.Round(l.Size * 2) / 2).Distinct().OrderDescending().ToList();
        if (sizes.Count == 0)
        {
            return null;
        }

        var blocks = new List<DocumentBlock>();
        var (level, title, page, from) = (0, "", (int?)1, 0);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!IsHeading(lines[i]))
            {
                continue;
            }

            // A heading wrapped over several lines of the same size is one heading.
            var text = lines[i].Text;
            var end = i;
            while (end + 1 < lines.Count && IsHeading(lines[end + 1]) && Math.Abs(lines[end + 1].Size - lines[i].Size) < 0.25
                && lines[end + 1].Page == lines[i].Page && lines[end].Baseline - lines[end + 1].Baseline < 1.6 * lines[i].Size)
            {
                end++;
                text += (PdfLines.IsWide(text[^1]) || PdfLines.IsWide(lines[end].Text[0]) ? "" : " ") + lines[end].Text;
            }

            blocks.Add(new DocumentBlock(level, title, page, PdfLines.Paragraphs(lines.GetRange(from, i - from))));
            level = Math.Min(sizes.IndexOf(Math.Round(lines[i].Size * 2) / 2) + 1, 3);
            (title, page, from) = (text, lines[i].Page, end + 1);
            i = end;
        }

        blocks.Add(new DocumentBlock(level, title, page, PdfLines.Paragraphs(lines.GetRange(from, lines.Count - from))));
        return blocks;
    }

    private static string Squeeze(string text) =>
        string.Concat(TextNormalizer.Key(text).Where(c => !char.IsWhiteSpace(c)));
}

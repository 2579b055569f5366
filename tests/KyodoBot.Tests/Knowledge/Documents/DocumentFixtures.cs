using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WText = DocumentFormat.OpenXml.Wordprocessing.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Writer;

namespace KyodoBot.Tests.Knowledge.Documents;

/// <summary>One thing in a generated Word document.</summary>
internal abstract record WordItem;
internal sealed record WordHeading(int Level, string Text) : WordItem;
internal sealed record WordParagraph(string Text) : WordItem;
internal sealed record WordListItem(string Text, int Depth = 0) : WordItem;
internal sealed record WordTable(string[][] Rows) : WordItem;
internal sealed record WordRuby(string Before, string Base, string Reading, string After) : WordItem;
internal sealed record WordPageBreak : WordItem;

/// <summary>
/// Builds .docx files with the Open XML SDK the way Word writes them: heading styles are real style definitions
/// (<paramref name="japaneseStyleIds"/>: ids 「1」「2」 named "heading 1" as Japanese Word saves them, else
/// "Heading1"), lists are numbering references, ruby is <c>w:ruby</c>.
/// </summary>
internal static class WordFixture
{
    public static byte[] Build(IEnumerable<WordItem> items, bool japaneseStyleIds = false, string? title = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(Enumerable.Range(1, 3).Select(n => new Style(
                new StyleName { Val = $"heading {n}" },
                new BasedOn { Val = "Normal" },
                new StyleParagraphProperties(new OutlineLevel { Val = n - 1 }))
            {
                Type = StyleValues.Paragraph,
                StyleId = japaneseStyleIds ? $"{n}" : $"Heading{n}",
            }).Prepend(new Style(new StyleName { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true }));
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(new Level(new NumberingFormat { Val = NumberFormatValues.Bullet }, new LevelText { Val = "・" }) { LevelIndex = 0 }) { AbstractNumberId = 1 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
            var body = new Body();
            foreach (var item in items)
            {
                body.Append(item switch
                {
                    WordHeading h => Paragraph(h.Text, new ParagraphProperties(new ParagraphStyleId { Val = japaneseStyleIds ? $"{h.Level}" : $"Heading{h.Level}" })),
                    WordParagraph p => Paragraph(p.Text),
                    WordListItem l => Paragraph(l.Text, new ParagraphProperties(new NumberingProperties(
                        new NumberingLevelReference { Val = l.Depth }, new NumberingId { Val = 1 }))),
                    WordTable t => new Table(t.Rows.Select(r => new TableRow(r.Select(c => new TableCell(Paragraph(c)))))),
                    WordRuby r => new Paragraph(
                        new Run(new WText(r.Before)),
                        new Run(new DocumentFormat.OpenXml.Wordprocessing.Ruby(
                            new RubyProperties(new RubyAlign { Val = RubyAlignValues.Center }),
                            new RubyContent(new Run(new WText(r.Reading))),
                            new RubyBase(new Run(new WText(r.Base))))),
                        new Run(new WText(r.After))),
                    WordPageBreak => new Paragraph(new Run(new Break { Type = BreakValues.Page })),
                    _ => throw new ArgumentException(item.ToString()),
                });
            }

            main.Document = new Document(body);
            if (title is not null)
            {
                document.PackageProperties.Title = title;
            }
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, ParagraphProperties? properties = null)
    {
        var paragraph = new Paragraph();
        if (properties is not null)
        {
            paragraph.Append(properties);
        }

        paragraph.Append(new Run(new WText(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }
}

/// <summary>A line of text placed on a generated PDF page (PDF space: y grows upwards; A4 is 595 × 842).</summary>
internal sealed record PdfText(string Text, double Size, double X, double Y);

/// <summary>
/// Builds PDFs with PdfPig's <see cref="PdfDocumentBuilder"/>: Latin text in Helvetica, Japanese text in the IPA font
/// of the machine (<see cref="JapaneseFont"/>). PdfPig 0.1.16 gives a TrueType font at most 255 distinct characters
/// (one-byte codes), so Japanese text is spread over as many copies of the font as it needs.
/// </summary>
internal sealed class PdfFixture
{
    private readonly PdfDocumentBuilder _builder = new();
    private readonly List<OutlineEntry> _outline = [];
    private readonly PdfDocumentBuilder.AddedFont _latin;
    private readonly List<(PdfDocumentBuilder.AddedFont Font, HashSet<char> Chars)> _japanese = [];
    private readonly byte[]? _japaneseFont;
    private PdfPageBuilder? _page;

    public PdfFixture(bool japanese = false)
    {
        _latin = _builder.AddStandard14Font(Standard14Font.Helvetica);
        _japaneseFont = japanese ? File.ReadAllBytes(JapaneseFont.Path) : null;
    }

    public int Pages { get; private set; }

    public PdfFixture Page()
    {
        _page = _builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        Pages++;
        return this;
    }

    public PdfFixture Text(string text, double size, double x, double y)
    {
        var page = _page ?? throw new InvalidOperationException("call Page() first");
        if (_japaneseFont is null)
        {
            page.AddText(text, size, new PdfPoint(x, y), _latin);
            return this;
        }

        // Each run of text goes to a font copy that already holds its characters or still has room for them.
        var position = x;
        foreach (var chunk in Chunks(text))
        {
            var font = FontFor(chunk);
            var letters = page.AddText(chunk, size, new PdfPoint(position, y), font);
            position = letters.Count > 0 ? letters[^1].EndBaseLine.X : position;
        }

        return this;
    }

    private static IEnumerable<string> Chunks(string text)
    {
        for (var i = 0; i < text.Length; i += 16)
        {
            yield return text.Substring(i, Math.Min(16, text.Length - i));
        }
    }

    private PdfDocumentBuilder.AddedFont FontFor(string chunk)
    {
        foreach (var (font, chars) in _japanese)
        {
            var missing = chunk.Where(c => !chars.Contains(c)).Distinct().Count();
            if (chars.Count + missing <= 250)
            {
                chars.UnionWith(chunk);
                return font;
            }
        }

        var added = _builder.AddTrueTypeFont(_japaneseFont!);
        _japanese.Add((added, [.. chunk]));
        return added;
    }

    /// <summary>A bookmark to the current page; level 0 is top level, level n goes under the last bookmark of level n-1.</summary>
    public PdfFixture Bookmark(string title, int level = 0)
    {
        var node = new OutlineEntry(title, level, Pages);
        var parent = level == 0 ? null : FindLast(_outline, level - 1);
        (parent?.Children ?? _outline).Add(node);
        return this;
    }

    private static OutlineEntry? FindLast(List<OutlineEntry> entries, int level)
    {
        for (var last = entries.LastOrDefault(); last is not null; last = last.Children.LastOrDefault())
        {
            if (last.Level == level)
            {
                return last;
            }
        }

        return null;
    }

    private sealed record OutlineEntry(string Title, int Level, int Page)
    {
        public List<OutlineEntry> Children { get; } = [];

        public BookmarkNode Node() => new DocumentBookmarkNode(Title, Level,
            new ExplicitDestination(Page, ExplicitDestinationType.FitPage, ExplicitDestinationCoordinates.Empty),
            [.. Children.Select(c => c.Node())]);
    }

    public byte[] Build()
    {
        if (_outline.Count > 0)
        {
            _builder.Bookmarks = new Bookmarks([.. _outline.Select(o => o.Node())]);
        }

        return _builder.Build();
    }
}

/// <summary>
/// The Japanese TrueType font the PDF fixtures need. The tests do not skip without it: CI (<c>.ci/run</c>) installs
/// Debian's <c>fonts-ipafont-mincho</c>; elsewhere install it or name a .ttf in <c>KYODOBOT_TEST_JA_FONT</c>.
/// </summary>
internal static class JapaneseFont
{
    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf",
        "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-mincho.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    ];

    public static string Path =>
        Environment.GetEnvironmentVariable("KYODOBOT_TEST_JA_FONT") is { Length: > 0 } configured ? configured
        : Candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "The Japanese PDF tests need a Japanese TrueType font: install Debian's fonts-ipafont-mincho "
            + "(apt-get install fonts-ipafont-mincho; .ci/run does) or set KYODOBOT_TEST_JA_FONT to a .ttf file.");
}

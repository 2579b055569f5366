using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace KyodoBot.Core.Knowledge.Documents;

/// <summary>
/// Reads a Word file (.docx). Headings are paragraphs whose style is a built-in heading (「見出し 1」 in Japanese Word is
/// the style named <c>heading 1</c>; its id may be <c>1</c>, <c>Heading1</c> or <c>見出し1</c>) or that carry an outline
/// level, directly or through their style. List paragraphs become <c>- </c> lines (indented by level) so that they are
/// quoted as list items, table rows become their cells joined with 「 / 」, and ruby (furigana) keeps only the base
/// text. Pages: Word stores no layout, only where it last broke pages when it saved (<c>lastRenderedPageBreak</c>);
/// those and explicit page breaks give the page of a heading. A file Word never laid out (generated) has no pages.
/// </summary>
public sealed partial class WordDocumentReader : IKnowledgeDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".docx"];

    public DocumentContent Read(Stream stream)
    {
        using var document = Open(stream);
        var body = document.MainDocumentPart?.Document?.Body
            ?? throw new DocumentReadException("the Word file has no document body");
        var styles = StyleLevels(document.MainDocumentPart!.StyleDefinitionsPart?.Styles);
        var (blocks, images, pageCount) = ReadBlocks(body, styles);
        var problems = new List<DocumentProblem>();
        if (images > 0 && blocks.All(b => b.Lines.Count == 0 && b.Level == 0))
        {
            problems.Add(new DocumentProblem(null, $"the document has {images} image(s) and no text: text inside images is not read"));
        }

        return new DocumentContent(blocks, problems, document.PackageProperties.Title)
        {
            HeadingSource = blocks.Any(b => b.Level > 0) ? "Word heading styles / outline levels" : "none",
            PageCount = pageCount,
        };
    }

    private static WordprocessingDocument Open(Stream stream)
    {
        try
        {
            return WordprocessingDocument.Open(stream, false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException)
        {
            throw new DocumentReadException($"not a readable Word (.docx) file: {ex.Message}", ex);
        }
    }

    /// <summary>The body's sections in order (the first one, before any heading, has level 0), its image count, and its page count (0 when never laid out).</summary>
    private static (List<DocumentBlock> Blocks, int Images, int PageCount) ReadBlocks(Body body, Dictionary<string, (int Level, bool List)> styles)
    {
        var blocks = new List<DocumentBlock>();
        var current = (Level: 0, Title: "", Page: (int?)null, Lines: new List<string>());
        var breaks = 0;
        // Word marks where it broke pages when it last saved, explicit breaks included; count explicit breaks
        // only in a file without those marks (generated), so that no break is counted twice.
        var rendered = body.Descendants<LastRenderedPageBreak>().Any();
        var laidOut = rendered || body.Descendants<Break>().Any(b => b.Type?.Value == BreakValues.Page);
        var images = 0;

        foreach (var element in body.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    var text = ParagraphText(paragraph);
                    var level = HeadingLevel(paragraph, styles);
                    images += paragraph.Descendants<Drawing>().Count();
                    if (level > 0 && text.Length > 0)
                    {
                        // A heading that opens a page carries that page's break mark itself.
                        breaks += PageBreaks(paragraph, rendered);
                        blocks.Add(new DocumentBlock(current.Level, current.Title, current.Page, current.Lines));
                        current = (level, text, laidOut ? breaks + 1 : null, []);
                        break;
                    }

                    if (text.Length > 0)
                    {
                        current.Lines.Add(ListPrefix(paragraph, styles) + text);
                    }

                    breaks += PageBreaks(paragraph, rendered);
                    break;
                case Table table:
                    current.Lines.AddRange(TableLines(table));
                    breaks += PageBreaks(table, rendered);
                    break;
            }
        }

        blocks.Add(new DocumentBlock(current.Level, current.Title, current.Page, current.Lines));
        return (blocks, images, laidOut ? breaks + 1 : 0);
    }

    /// <summary>A line a row that has any text: its cells joined with 「 / 」.</summary>
    private static IEnumerable<string> TableLines(Table table)
    {
        foreach (var row in table.Descendants<TableRow>())
        {
            var cells = row.Elements<TableCell>()
                .Select(c => string.Join(" ", c.Elements<Paragraph>().Select(ParagraphText).Where(t => t.Length > 0)))
                .ToList();
            if (cells.Any(c => c.Length > 0))
            {
                yield return string.Join(" / ", cells);
            }
        }
    }

    /// <summary>Heading level by style id: a built-in heading name, or an outline level (0 = level 1; 9 = body text).</summary>
    private static Dictionary<string, (int Level, bool List)> StyleLevels(Styles? styles)
    {
        var raw = new Dictionary<string, (int Level, bool List, string? BasedOn)>(StringComparer.Ordinal);
        foreach (var style in styles?.Elements<Style>() ?? [])
        {
            if (style.StyleId?.Value is not { } id)
            {
                continue;
            }

            var name = style.StyleName?.Val?.Value ?? "";
            var level = HeadingName().Match(name) is { Success: true } m ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)
                : HeadingName().Match(id) is { Success: true } byId ? int.Parse(byId.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)
                : style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 9 ? outline + 1
                : 0;
            var list = style.StyleParagraphProperties?.NumberingProperties is not null;
            raw[id] = (level, list, style.BasedOn?.Val?.Value);
        }

        // A style based on a heading is a heading (a city's own 「章見出し」 based on 見出し 1).
        var resolved = new Dictionary<string, (int Level, bool List)>(StringComparer.Ordinal);
        foreach (var id in raw.Keys)
        {
            var (level, list, basedOn) = raw[id];
            for (var depth = 0; level == 0 && basedOn is not null && depth < 10 && raw.TryGetValue(basedOn, out var parent); depth++)
            {
                level = parent.Level;
                list |= parent.List;
                basedOn = parent.BasedOn;
            }

            resolved[id] = (level, list);
        }

        return resolved;
    }

    private static int HeadingLevel(Paragraph paragraph, Dictionary<string, (int Level, bool List)> styles)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } outline)
        {
            return outline < 9 ? outline + 1 : 0;
        }

        return properties?.ParagraphStyleId?.Val?.Value is { } id && styles.TryGetValue(id, out var style) ? style.Level : 0;
    }

    private static string ListPrefix(Paragraph paragraph, Dictionary<string, (int Level, bool List)> styles)
    {
        var numbering = paragraph.ParagraphProperties?.NumberingProperties;
        var styled = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value is { } id && styles.TryGetValue(id, out var s) && s.List;
        if (numbering?.NumberingId?.Val?.Value == 0 || (numbering is null && !styled))
        {
            return "";
        }

        var depth = numbering?.NumberingLevelReference?.Val?.Value ?? 0;
        return new string(' ', 2 * Math.Clamp(depth, 0, 8)) + "- ";
    }

    /// <summary>The paragraph's visible text: runs, tabs and line breaks; ruby keeps its base, not the reading above it.</summary>
    internal static string ParagraphText(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text t when !t.Ancestors<RubyContent>().Any():
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
                case Break { Type: null } or CarriageReturn:
                    text.Append(' ');
                    break;
            }
        }

        return Spaces().Replace(text.ToString(), " ").Trim();
    }

    private static int PageBreaks(OpenXmlElement element, bool rendered) => rendered
        ? element.Descendants<LastRenderedPageBreak>().Count()
        : element.Descendants<Break>().Count(b => b.Type?.Value == BreakValues.Page);

    [GeneratedRegex(@"^(?:heading|見出し)\s*(?<n>[1-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingName();

    [GeneratedRegex(@"[ \t\u3000]+")]
    private static partial Regex Spaces();
}

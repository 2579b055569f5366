using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge.Documents;

/// <summary>
/// The city's manual (<c>knowledge/*.md</c>) written out as a Word file and as a laid-out PDF, the way an office would
/// have them: headings as Word heading styles / PDF bookmarks, lists as Word lists / 「・」 lines with a hanging indent,
/// text wrapped at the page width, a running header and a page number on every page. The Markdown's hidden comments
/// (related sections, alternate phrasings) are not part of either: a document has none.
/// </summary>
internal static class ManualDocuments
{
    public static IReadOnlyList<KnowledgeSection> Sections(string folder) =>
    [
        .. Directory.EnumerateFiles(folder, "*.md").Where(f => !Path.GetFileName(f).StartsWith('_')).Order(StringComparer.Ordinal)
            .SelectMany(f => KnowledgeParser.Parse(Path.GetFileName(f), File.ReadAllText(f))),
    ];

    /// <summary>The Markdown's alternate phrasings as the side file of a document (<c>….questions.yaml</c>).</summary>
    public static string Phrasings(IReadOnlyList<KnowledgeSection> sections) =>
        new YamlDotNet.Serialization.SerializerBuilder().Build()
            .Serialize(sections.Where(s => s.Questions.Count > 0).ToDictionary(s => s.Title, s => s.Questions.ToList()));

    public static byte[] Docx(IReadOnlyList<KnowledgeSection> sections)
    {
        var items = new List<WordItem>();
        foreach (var section in sections)
        {
            items.Add(new WordHeading(section.Level, section.Title));
            foreach (var line in section.Body.Split('\n').Where(l => l.Trim().Length > 0))
            {
                var trimmed = line.TrimStart();
                items.Add(trimmed.StartsWith("- ", StringComparison.Ordinal)
                    ? new WordListItem(trimmed[2..].Trim(), (line.Length - trimmed.Length) / 2)
                    : new WordParagraph(line.Trim()));
            }
        }

        return WordFixture.Build(items, japaneseStyleIds: true, title: "協働のあり方");
    }

    /// <summary>A4, 11 pt body at 40 characters a line, headings 16/14/12 pt, each top-level part on a new page.</summary>
    public static byte[] Pdf(IReadOnlyList<KnowledgeSection> sections, int repeat = 1)
    {
        const double left = 72, top = 770, bottom = 80, body = 11;
        var pdf = new PdfFixture(japanese: true);
        var y = 0.0;
        void NewPage()
        {
            pdf.Page().Text("みどり野市 協働のあり方", 8, left, 805).Text($"- {pdf.Pages} -", 9, 285, 40);
            y = top;
        }

        void Line(string text, double size, double x)
        {
            if (y < bottom)
            {
                NewPage();
            }

            pdf.Text(text, size, x, y);
            y -= size * 1.5;
        }

        for (var copy = 0; copy < repeat; copy++)
        {
            foreach (var section in sections)
            {
                var size = section.Level switch { 1 => 16.0, 2 => 14.0, _ => 12.0 };
                if (section.Level == 1 || y < bottom + 60 || pdf.Pages == 0)
                {
                    NewPage();
                }

                y -= 6;
                var title = repeat > 1 ? $"{section.Title}（{copy + 1}）" : section.Title;
                pdf.Bookmark(title, section.Level - 1);
                foreach (var part in Wrap(title, (int)(460 / size)))
                {
                    Line(part, size, left);
                }

                y -= 4;
                foreach (var raw in section.Body.Split('\n').Where(l => l.Trim().Length > 0))
                {
                    var trimmed = raw.TrimStart();
                    var depth = (raw.Length - trimmed.Length) / 2;
                    var item = trimmed.StartsWith("- ", StringComparison.Ordinal);
                    var indent = item ? left + (depth * body) : left;
                    var parts = Wrap(item ? "・" + trimmed[2..].Trim() : trimmed.Trim(), 40 - (item ? depth + 1 : 0));
                    for (var i = 0; i < parts.Count; i++)
                    {
                        // A list item's wrapped lines hang under its text, past the bullet.
                        Line(parts[i], body, i > 0 && item ? indent + body : indent);
                    }

                    y -= 4;
                }
            }
        }

        return pdf.Build();
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        for (var i = 0; i < text.Length; i += width)
        {
            lines.Add(text.Substring(i, Math.Min(width, text.Length - i)));
        }

        return lines;
    }
}

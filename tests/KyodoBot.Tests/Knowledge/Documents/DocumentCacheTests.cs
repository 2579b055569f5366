using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Knowledge.Documents;

namespace KyodoBot.Tests.Knowledge.Documents;

/// <summary>A reload re-reads only the Word/PDF files whose length, write time or phrasings side file changed.</summary>
public sealed class DocumentCacheTests : IDisposable
{
    private readonly TempKnowledgeFolder _folder = new(copyRealKnowledge: false);
    private readonly List<string> _reads = [];
    private readonly KnowledgeBase _knowledge;

    public DocumentCacheTests()
    {
        _knowledge = new KnowledgeBase(_folder.Path, documents: new DocumentCache(path =>
        {
            _reads.Add(Path.GetFileName(path));
            return KnowledgeDocuments.Load(path);
        }));
    }

    public void Dispose() => _folder.Dispose();

    private static byte[] Pdf(string body) =>
        new PdfFixture().Page().Bookmark("Tour booking").Text("Tour booking", 16, 72, 780).Text(body, 11, 72, 750).Build();

    [Fact]
    public void MarkdownSaved_DoesNotReadTheUnchangedPdfAgain_AChangedPdfOrSideFileIsRead()
    {
        var pdf = Path.Combine(_folder.Path, "guide.pdf");
        File.WriteAllBytes(pdf, Pdf("Tours are booked at the general affairs desk."));
        File.WriteAllText(Path.Combine(_folder.Path, "notes.md"), "---\nid: notes\ntitle: \"Notes\"\n---\n\n# Notes {#notes}\n\nFirst text.\n");
        _knowledge.Reload();
        Assert.Equal(["guide.pdf"], _reads);

        File.WriteAllText(Path.Combine(_folder.Path, "notes.md"), "---\nid: notes\ntitle: \"Notes\"\n---\n\n# Notes {#notes}\n\nSecond text, saved again.\n");
        var index = _knowledge.Reload();
        Assert.Equal(["guide.pdf"], _reads);
        Assert.Contains(index.Sections, s => s.Section.Body.Contains("general affairs desk", StringComparison.Ordinal));
        Assert.Contains(index.Sections, s => s.Section.Body.Contains("saved again", StringComparison.Ordinal));

        File.WriteAllBytes(pdf, Pdf("Tours are now booked online, no longer at the desk."));
        index = _knowledge.Reload();
        Assert.Equal(["guide.pdf", "guide.pdf"], _reads);
        Assert.Contains(index.Sections, s => s.Section.Body.Contains("booked online", StringComparison.Ordinal));

        File.WriteAllText(DocumentPhrasings.PathFor(pdf), "\"Tour booking\":\n  - Where do I sign up for a tour?\n");
        index = _knowledge.Reload();
        Assert.Equal(3, _reads.Count);
        Assert.Contains(index.Sections, s => s.Section.Questions.Contains("Where do I sign up for a tour?"));

        File.Delete(pdf);
        index = _knowledge.Reload();
        Assert.DoesNotContain(index.Sections, s => s.Section.Document == "guide.pdf");
    }
}

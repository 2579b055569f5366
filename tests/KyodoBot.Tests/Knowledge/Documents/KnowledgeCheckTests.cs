using KyodoBot.Core.Knowledge.Documents;

namespace KyodoBot.Tests.Knowledge.Documents;

/// <summary><c>knowledge check</c>'s logic against the real knowledge folder and generated files.</summary>
public sealed class KnowledgeCheckTests : IDisposable
{
    private readonly TempKnowledgeFolder _folder = new(copyRealKnowledge: true);
    private readonly TempKnowledgeFolder _outside = new(copyRealKnowledge: false);

    public void Dispose()
    {
        _folder.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public void Check_NewDocument_ListsItsSections_AndTheQuestionsItNowAnswers()
    {
        var docx = Path.Combine(_outside.Path, "庁舎見学の手引き.docx");
        File.WriteAllBytes(docx, WordFixture.Build(
        [
            new WordHeading(1, "庁舎見学ツアーの申込"),
            new WordParagraph("庁舎見学ツアーは総務課の窓口で申し込みます。"),
            new WordHeading(2, "空の見出し"),
        ]));
        var set = _outside.Write("set.jsonl", """
            {"id": "t1", "q": "庁舎見学ツアーの申込はどこで？", "expect": ["総務課"]}
            {"id": "t2", "q": "公開の原則とは何ですか", "expect": ["説明責任"]}
            """);
        var output = new StringWriter();

        var exit = KnowledgeCheck.Run(_folder.Path, [docx], [set], output);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("庁舎見学の手引き.docx: 2 sections (headings from Word heading styles / outline levels)", text, StringComparison.Ordinal);
        Assert.Contains("problem: section 「空の見出し」 has no text", text, StringComparison.Ordinal);
        Assert.True(text.Contains("set.jsonl: 1 of 2", StringComparison.Ordinal), text);
        Assert.Contains("set.jsonl: 1 of 2 questions answered differently; passed 1 → 2", text, StringComparison.Ordinal);
        Assert.Contains("FAIL→PASS t1 庁舎見学ツアーの申込はどこで？", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" t2 ", text, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, "*.docx"));
    }

    [Fact]
    public void Check_UnreadableFile_AndImageOnlyPage_AreReported()
    {
        var broken = _outside.Write("broken.pdf", "not a pdf");
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddPng(TinyPng.Bytes, new UglyToad.PdfPig.Core.PdfRectangle(72, 72, 500, 700));
        var scan = Path.Combine(_folder.Path, "scan.pdf");
        File.WriteAllBytes(scan, builder.Build());
        var output = new StringWriter();

        var exit = KnowledgeCheck.Run(_folder.Path, [broken, scan], [], output);

        Assert.Equal(1, exit);
        Assert.Contains("broken.pdf: cannot be used: not a readable PDF file", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("scan.pdf: 0 sections", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("problem: p.1: the page is an image without text", output.ToString(), StringComparison.Ordinal);
    }
}

using KyodoBot.Core.Knowledge;

namespace KyodoBot.Tests.Knowledge;

public sealed class KnowledgeParserTests
{
    private const string Sample = """
        ---
        id: sample
        title: "サンプル"
        chapter: "9章"
        source: "協働のあり方 9章"
        ---

        # 9章 はじめに {#intro}
        <!-- related: part-b, part-a -->

        前書きの文です。

        ## 9章 1 一つ目 {#part-a}

        一つ目の本文。
        <!-- an editor's note, not text -->

        ### 9章 1① 細目 {#detail}
        - 項目

        ## 9章 2 二つ目 {#part-b}
        二つ目の本文。
        """;

    [Fact]
    public void Parse_ReadsFrontMatterHeadingsRelatedAndTheTree()
    {
        var sections = KnowledgeParser.Parse("sample.md", Sample);

        Assert.Equal(["intro", "part-a", "detail", "part-b"], sections.Select(s => s.Id));
        var intro = sections[0];
        Assert.Equal("9章 はじめに", intro.Title);
        Assert.Equal("sample", intro.FileId);
        Assert.Equal("9章", intro.Chapter);
        Assert.Equal("協働のあり方 9章", intro.Source);
        Assert.Equal("前書きの文です。", intro.Body);
        Assert.Equal(["part-b", "part-a"], intro.Related);
        Assert.Equal(["part-a", "part-b"], intro.ChildIds);
        Assert.Equal(8, intro.Line);

        var partA = sections[1];
        Assert.Equal("一つ目の本文。", partA.Body);
        Assert.Equal("intro", partA.ParentId);
        Assert.Equal(["detail"], partA.ChildIds);
        Assert.Empty(partA.Related);
        Assert.Equal("part-a", sections[2].ParentId);
        Assert.Equal(3, sections[2].Level);
        Assert.Equal("- 項目", sections[2].Body);
        Assert.Equal("intro", sections[3].ParentId);
    }

    [Fact]
    public void Parse_EnglishTitle_IsReadWhereverItSits_AndIsNeitherBodyNorAnEndToTheRelatedLine()
    {
        const string content = "---\nid: a\ntitle: t\n---\n# 9章 見出し {#x}\n<!-- title-en: Chapter 9 heading -->\n<!-- related: y -->\n本文です。\n## 9章 1 次 {#y}\n本文。\n<!-- title-en: The next one -->\n## 9章 2 三つ目 {#z}\n本文。\n";

        var sections = KnowledgeParser.Parse("en.md", content);

        Assert.Equal(["Chapter 9 heading", "The next one", null], sections.Select(s => s.EnglishTitle));
        Assert.Equal(["y"], sections[0].Related);
        Assert.Equal("本文です。", sections[0].Body);
    }

    [Fact]
    public void Parse_KindAndActor_AreReadAndAreNeitherBodyNorAnEndToTheRelatedLine()
    {
        const string content = "---\nid: a\ntitle: t\n---\n# 9章 見出し {#x}\n<!-- kind: challenge -->\n<!-- actor: npo, city -->\n<!-- related: y -->\n本文です。\n## 9章 1 次 {#y}\n本文。\n";

        var sections = KnowledgeParser.Parse("a.md", content);

        Assert.Equal(SectionKind.Challenge, sections[0].Kind);
        Assert.Equal(SectionActor.Npo | SectionActor.City, sections[0].Actors);
        Assert.Equal(["y"], sections[0].Related);
        Assert.Equal("本文です。", sections[0].Body);
        Assert.Equal((SectionKind.Unstated, SectionActor.None), (sections[1].Kind, sections[1].Actors));
    }

    [Theory]
    [InlineData("<!-- kind: problem -->", "kind 'problem' is not one of")]
    [InlineData("<!-- actor: npo, staff -->", "actor 'staff' is not one of")]
    [InlineData("<!-- kind: note -->\n<!-- kind: list -->", "second kind comment")]
    [InlineData("<!-- actor: -->", "needs a value")]
    public void Parse_AnUnknownOrRepeatedFacet_IsRejectedWithItsLine(string comment, string reason)
    {
        var content = "---\nid: a\ntitle: t\n---\n# 見出し {#x}\n" + comment + "\n本文。\n";

        var error = Assert.Throws<KnowledgeFormatException>(() => KnowledgeParser.Parse("a.md", content));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RealKnowledge_EverySectionHasAKindAndAnActor()
    {
        var knowledge = new KnowledgeBase(KnowledgePaths.Folder);
        knowledge.Reload();

        Assert.All(knowledge.Current.Sections, s => Assert.True(s.Section.Kind != SectionKind.Unstated && s.Section.Actors != SectionActor.None, s.Section.Id));
    }

    [Fact]
    public void RealKnowledge_EverySectionHasAnEnglishTitle()
    {
        var knowledge = new KnowledgeBase(KnowledgePaths.Folder);
        knowledge.Reload();

        Assert.All(knowledge.Current.Sections, s => Assert.False(string.IsNullOrWhiteSpace(s.Section.EnglishTitle), s.Section.Id));
    }

    [Theory]
    [InlineData("# 見出し {#a}\n本文", 1, "front matter")]
    [InlineData("---\nid: a\ntitle: t\n# 見出し {#a}\n", 1, "not closed")]
    [InlineData("---\ntitle: t\n---\n# 見出し {#a}\n", 1, "'id'")]
    [InlineData("---\nid: a\n---\n# 見出し {#a}\n", 1, "'title'")]
    [InlineData("---\nid: a\ntitle: [x, y]\n---\n# 見出し {#a}\n", 3, "single text value")]
    [InlineData("---\nid: a\ntitle: \"t\n---\n# 見出し {#a}\n", 3, "not valid YAML")]
    [InlineData("---\nid: a\ntitle: t\n---\n\n# 見出し {#a}\n本文\n## 見出し2\n", 8, "heading without an id")]
    [InlineData("---\nid: a\ntitle: t\n---\n# 見出し {#x}\n## 見出し2 {#x}\n", 6, "duplicate section id 'x' (first used on line 5)")]
    [InlineData("---\nid: a\ntitle: t\n---\n前書き\n# 見出し {#x}\n", 5, "before the first heading")]
    [InlineData("---\nid: a\ntitle: t\n---\n# 見出し {#x}\n本文\n<!-- related: y -->\n", 7, "must directly follow")]
    [InlineData("---\nid: a\ntitle: t\n---\n# 見出し {#x y}\n", 5, "heading without an id")]
    [InlineData("---\nid: a\ntitle: t\n---\n本文だけ\n", 5, "before the first heading")]
    [InlineData("---\nid: a\ntitle: t\n---\n", 5, "no section heading")]
    [InlineData("---\nid: a\ntitle: t\n---\n# 見出し {#x}\n<!-- title-en: Heading -->\n<!-- title-en: Again -->\n", 7, "second title-en")]
    [InlineData("---\nid: a\ntitle: t\n---\n# 見出し {#x}\n<!-- title-en:  -->\n", 6, "needs a title")]
    public void Parse_BrokenFile_NamesTheFileAndLine(string content, int line, string problem)
    {
        var error = Assert.Throws<KnowledgeFormatException>(() => KnowledgeParser.Parse("broken.md", content));

        Assert.Equal("broken.md", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"broken.md:{line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RealKnowledgeFolder_LoadsEveryFileAndEveryRelatedId()
    {
        var index = KnowledgeIndex.Build(KnowledgePaths.Folder);

        Assert.Empty(index.Errors);
        Assert.True(index.Sections.Count >= 30, $"only {index.Sections.Count} sections");
        for (var n = 1; n <= 7; n++)
        {
            Assert.NotNull(index.Find($"principle-{n}"));
        }

        Assert.All(index.Sections.SelectMany(s => s.Section.Related), id => Assert.NotNull(index.Find(id)));
        Assert.DoesNotContain(index.Sections, s => s.Section.FileName.StartsWith('_'));
    }

    [Fact]
    public void Build_FileThatFailsToParse_IsSkippedWithItsLine_AndTheRestStays()
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: false);
        folder.Write("a.md", "---\nid: a\ntitle: A\n---\n# 見出しA {#a-1}\n本文A。\n");
        folder.Write("b.md", "---\nid: b\ntitle: B\n---\n# 見出しB {#b-1}\n本文B。\n## 見出しB2\n");

        var index = KnowledgeIndex.Build(folder.Path);

        Assert.NotNull(index.Find("a-1"));
        Assert.Null(index.Find("b-1"));
        var error = Assert.Single(index.Errors);
        Assert.Equal(("b.md", 7), (error.File, error.Line));
    }

    [Fact]
    public void Build_SectionIdUsedByAnEarlierFile_SkipsTheLaterFile()
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: false);
        folder.Write("a.md", "---\nid: a\ntitle: A\n---\n# 見出しA {#same}\n本文A。\n");
        folder.Write("b.md", "---\nid: b\ntitle: B\n---\n# 見出しB {#other}\n\n# 見出しB2 {#same}\n");

        var index = KnowledgeIndex.Build(folder.Path);

        Assert.Equal("a", index.Find("same")?.Section.FileId);
        Assert.Null(index.Find("other"));
        var error = Assert.Single(index.Errors);
        Assert.Equal(("b.md", 7), (error.File, error.Line));
        Assert.Contains("already used", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BrokenVocabularyFile_IsReported_AndSectionsStillLoad()
    {
        using var folder = new TempKnowledgeFolder(copyRealKnowledge: false);
        folder.Write("a.md", "---\nid: a\ntitle: A\n---\n# 見出しA {#a-1}\n本文A。\n");
        folder.Write(KnowledgeVocabulary.SynonymsFile, "synonyms:\n  - canonical: [broken\n");

        var index = KnowledgeIndex.Build(folder.Path);

        Assert.NotNull(index.Find("a-1"));
        Assert.Contains(index.Errors, e => e.File == KnowledgeVocabulary.SynonymsFile);
    }

    [Fact]
    public void Build_MissingFolder_IsAnEmptyIndex()
    {
        var index = KnowledgeIndex.Build(Path.Combine(Path.GetTempPath(), "kyodobot-missing-" + Guid.NewGuid().ToString("N")));

        Assert.Empty(index.Sections);
    }
}

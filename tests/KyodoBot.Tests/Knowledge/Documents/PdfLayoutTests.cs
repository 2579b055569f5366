using KyodoBot.Core.Knowledge.Documents;

namespace KyodoBot.Tests.Knowledge.Documents;

/// <summary>PDF layouts beyond one horizontal column: vertical writing, ruby in its base line, two columns.</summary>
public sealed class PdfLayoutTests
{
    private const double Body = 10.5;

    private static DocumentSectionsResult Read(string fileName, byte[] bytes) =>
        KnowledgeDocuments.Load(fileName, new MemoryStream(bytes));

    /// <summary>
    /// Sets a paragraph in vertical columns of <paramref name="perColumn"/> characters from <paramref name="x"/>
    /// leftwards, its first column indented one character (字下げ), and returns the x of the next column.
    /// </summary>
    private static double Paragraph(VerticalPdfFixture pdf, string text, double x, int perColumn = 20, double top = 780)
    {
        var first = true;
        for (var i = 0; i < text.Length; x -= 16)
        {
            var take = Math.Min(first ? perColumn - 1 : perColumn, text.Length - i);
            pdf.Column(text.Substring(i, take), Body, x, first ? top - Body : top);
            (i, first) = (i + take, false);
        }

        return x;
    }

    [Fact]
    public void Pdf_VerticalWriting_ReadsColumnsRightToLeft_TopToBottom_WithoutHeaderPageNumbersOrRuby()
    {
        var pdf = new VerticalPdfFixture();
        string[] chapters = ["第一章　協働の原則", "第二章　事業の評価", "第三章　相談窓口"];
        string[][] bodies =
        [
            ["協働事業では、市と団体が目的を共有し、それぞれの役割を明確にすることが重要です。話し合いは公開の場で行います。", "団体と市は対等な関係です。"],
            ["評価は年に一度、所管課と団体が一緒に行います。"],
            ["相談は市民活動推進課で受け付けます。予約はいりません。", "電話でも窓口でも構いません。"],
        ];
        for (var page = 0; page < 3; page++)
        {
            pdf.Page().Line("みどり野市　協働のしくみ", 9, 72, 810).Column(chapters[page], 16, 530, 780);
            var x = 500.0;
            foreach (var paragraph in bodies[page])
            {
                if (paragraph.StartsWith("団体", StringComparison.Ordinal))
                {
                    // Ruby beside 対等, the 6th and 7th characters of a column that starts one character down.
                    pdf.Column("たいとう", Body / 2, x + Body + 0.5, 780 - (6 * Body));
                }

                x = Paragraph(pdf, paragraph, x);
            }

            pdf.Line($"- {page + 1} -", 9, 290, 40);
        }

        var result = Read("縦書きの手引き.pdf", pdf.Build());

        Assert.Equal("font sizes", result.HeadingSource);
        Assert.Equal(["第一章 協働の原則", "第二章 事業の評価", "第三章 相談窓口"], result.Sections.Select(s => s.Title));
        Assert.Equal(string.Join('\n', bodies[0]), result.Sections[0].Body);
        Assert.Equal(string.Join('\n', bodies[1]), result.Sections[1].Body);
        Assert.Equal(string.Join('\n', bodies[2]), result.Sections[2].Body);
        Assert.Equal([1, 2, 3], result.Sections.Select(s => s.Page));
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("rotated", StringComparison.Ordinal));
    }

    [Fact]
    public void Pdf_VerticalWritingInTwoTiers_ReadsTheUpperTierFirst()
    {
        const string Upper = "協働事業の評価は、事業が終わった後に所管課と団体が一緒に行います。評価の結果は次の事業の計画に生かし、市のホームページで公開します。";
        const string Lower = "評価で出た意見は、団体の了解を得てから公開します。";
        var pdf = new VerticalPdfFixture().Page().Column("事業の評価", 16, 530, 780);

        // Upper tier: columns of 15 characters from the top; lower tier: the same columns from 30 pt below it.
        Paragraph(pdf, Upper, 500, perColumn: 15);
        Paragraph(pdf, Lower, 500, perColumn: 15, top: 780 - (15 * Body) - 30);

        var result = Read("二段組の縦書き.pdf", pdf.Build());

        Assert.Equal(Upper + "\n" + Lower, Assert.Single(result.Sections, s => s.Title == "事業の評価").Body);
    }

    [Fact]
    public void Pdf_RubyOnTheBaseLine_IsDropped_NotMixedIntoTheText()
    {
        var pdf = new PdfFixture(japanese: true).Page().Text("協働の基本", 16, 72, 780)
            // Ruby on the very baseline of its base text, over 対等 (x 127–149), and one raised 2 pt over 尊重.
            .Text("団体と市は対等な関係です。", 11, 72, 730).Text("たいとう", 5.5, 72 + (5 * 11), 730)
            .Text("協働の相手を尊重します。", 11, 72, 700).Text("そんちょう", 5.5, 72 + (6 * 11) - 2.75, 702)
            .Text("小さな注記です。", 5.5, 72, 670)
            .Build();

        var result = Read("ルビ.pdf", pdf);

        Assert.Equal("団体と市は対等な関係です。\n協働の相手を尊重します。\n小さな注記です。", Assert.Single(result.Sections, s => s.Title == "協働の基本").Body);
    }

    [Fact]
    public void Pdf_TwoColumns_AreReadColumnByColumn_AParagraphFlowingIntoTheSecond()
    {
        const string First = "協働事業の評価は、事業が終わった後に所管課と団体が一緒に行います。評価の結果は次の事業の計画に生かし、市のホームページで公開します。評価の項目は、目的の達成、役割分担、費用の使い方の三つです。評価に参加した市民の意見も記録し、次の年度の協働事業の改善に役立てます。";
        const string Second = "評価で出た意見は、団体の了解を得てから公開します。";
        var pdf = new PdfFixture(japanese: true).Page().Text("事業の評価", 16, 72, 780);
        var lines = Wrap(First, 20).Select(l => (Text: l, Indent: 0))
            .Concat(Wrap(Second[..19], 19).Concat(Wrap(Second[19..], 20)).Select((l, i) => (Text: l, Indent: i == 0 ? 11 : 0))).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            // Left column 72–292, gutter, right column 315–535; both columns share the baselines.
            var (x, row) = i < 6 ? (72.0, i) : (315.0, i - 6);
            pdf.Text(lines[i].Text, 11, x + lines[i].Indent, 740 - (16 * row));
        }

        var result = Read("二段組.pdf", pdf.Text("- 1 -", 9, 290, 40).Build());

        Assert.Equal(First + "\n" + Second, Assert.Single(result.Sections, s => s.Title == "事業の評価").Body);
    }

    [Fact]
    public void Pdf_KeyValueTable_WithAWideGap_StaysATable_NotTwoColumns()
    {
        string[][] rows =
        [
            ["課名", "市民活動推進課"], ["電話番号", "093-582-0000"], ["受付時間", "平日の9時から17時まで"], ["所在地", "本庁舎3階"],
            ["担当", "協働推進係"], ["メールアドレス", "kyodo@example.jp"], ["休日", "土日祝日と年末年始"],
        ];
        var pdf = new PdfFixture(japanese: true).Page().Text("相談窓口", 16, 72, 780);
        for (var i = 0; i < rows.Length; i++)
        {
            pdf.Text(rows[i][0], 11, 72, 740 - (16 * i)).Text(rows[i][1], 11, 250, 740 - (16 * i));
        }

        var result = Read("窓口.pdf", pdf.Build());

        Assert.Equal(string.Join('\n', rows.Select(r => $"{r[0]} / {r[1]}")), Assert.Single(result.Sections, s => s.Title == "相談窓口").Body);
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        for (var i = 0; i < text.Length; i += width)
        {
            yield return text.Substring(i, Math.Min(width, text.Length - i));
        }
    }
}

using System.Globalization;
using System.Text;

namespace KyodoBot.Tests.Knowledge.Documents;

/// <summary>
/// Writes a PDF of vertical Japanese writing (縦書き) by hand — PdfPig's builder writes horizontal text only. The file
/// is what a vertical layout exports: a Type0 font with the <c>Identity-V</c> encoding (writing mode 1) over a CID
/// font with vertical metrics (<c>DW2</c>: origin 880 above, advance 1000 down) and a <c>ToUnicode</c> CMap; the
/// font program is not embedded (a reader maps codes to text through ToUnicode and advances by the metrics). Each
/// column is one text object started at the top of the column, so its characters run top to bottom; horizontal lines
/// (a running header, a page number) use a second Type0 font over the same CID font with <c>Identity-H</c>.
/// </summary>
internal sealed class VerticalPdfFixture
{
    private readonly List<List<(string Text, double Size, double X, double Y, bool Vertical)>> _pages = [];

    public VerticalPdfFixture Page()
    {
        _pages.Add([]);
        return this;
    }

    /// <summary>A column whose first character's top is at (<paramref name="x"/>, <paramref name="top"/>).</summary>
    public VerticalPdfFixture Column(string text, double size, double x, double top) => Add(text, size, x, top, true);

    /// <summary>A horizontal line starting at (<paramref name="x"/>, <paramref name="baseline"/>).</summary>
    public VerticalPdfFixture Line(string text, double size, double x, double baseline) => Add(text, size, x, baseline, false);

    private VerticalPdfFixture Add(string text, double size, double x, double y, bool vertical)
    {
        (_pages.LastOrDefault() ?? throw new InvalidOperationException("call Page() first")).Add((text, size, x, y, vertical));
        return this;
    }

    public byte[] Build()
    {
        // CID n is the n-th distinct character; the CMaps say which character it is.
        var characters = _pages.SelectMany(p => p).SelectMany(t => t.Text).Distinct().ToList();
        var cids = characters.Select((c, i) => (c, i + 1)).ToDictionary(p => p.c, p => p.Item2);
        const int FirstPage = 8;
        var pageIds = Enumerable.Range(0, _pages.Count).Select(i => FirstPage + (2 * i)).ToList();
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', pageIds.Select(i => $"{i} 0 R"))}] /Count {_pages.Count} >>",
            "<< /Type /Font /Subtype /Type0 /BaseFont /IPAMincho /Encoding /Identity-V /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>",
            "<< /Type /Font /Subtype /Type0 /BaseFont /IPAMincho /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>",
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /IPAMincho /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                + "/FontDescriptor 6 0 R /DW 1000 /DW2 [880 -1000] /CIDToGIDMap /Identity >>",
            "<< /Type /FontDescriptor /FontName /IPAMincho /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 "
                + "/CapHeight 700 /StemV 80 >>",
            Stream(ToUnicode(characters, cids)),
        };
        for (var i = 0; i < _pages.Count; i++)
        {
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /V 3 0 R /H 4 0 R >> >> /Contents {pageIds[i] + 1} 0 R >>");
            var content = new StringBuilder();
            foreach (var (text, size, x, y, vertical) in _pages[i])
            {
                var codes = string.Concat(text.Select(c => cids[c].ToString("X4", CultureInfo.InvariantCulture)));
                content.Append(CultureInfo.InvariantCulture, $"BT /{(vertical ? "V" : "H")} {size} Tf 1 0 0 1 {x} {y} Tm <{codes}> Tj ET\n");
            }

            objects.Add(Stream(content.ToString()));
        }

        return Write(objects);
    }

    private static string ToUnicode(List<char> characters, Dictionary<char, int> cids)
    {
        var cmap = new StringBuilder("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            + "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            + "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        foreach (var chunk in characters.Chunk(100))
        {
            cmap.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var c in chunk)
            {
                cmap.Append(CultureInfo.InvariantCulture, $"<{cids[c]:X4}> <{(int)c:X4}>\n");
            }

            cmap.Append("endbfchar\n");
        }

        return cmap.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").ToString();
    }

    private static string Stream(string content) => $"<< /Length {Encoding.ASCII.GetByteCount(content)} >>\nstream\n{content}\nendstream";

    /// <summary>The objects numbered from 1, then the cross-reference table of their byte offsets and the trailer.</summary>
    private static byte[] Write(List<string> objects)
    {
        using var output = new MemoryStream();
        void Append(string text) => output.Write(Encoding.ASCII.GetBytes(text));
        Append("%PDF-1.7\n");
        var offsets = new List<long>();
        for (var n = 0; n < objects.Count; n++)
        {
            offsets.Add(output.Position);
            Append($"{n + 1} 0 obj\n{objects[n]}\nendobj\n");
        }

        var xref = output.Position;
        Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Append($"{offset:D10} 00000 n \n");
        }

        Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }
}

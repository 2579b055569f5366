using KyodoBot.Core.Evaluations;

namespace KyodoBot.Tests.Evaluations;

/// <summary>CSV injection: a spreadsheet skips leading blanks before a formula, so the defusing must too.</summary>
public sealed class EvaluationExportTests
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData(" =1+1")]
    [InlineData("\u00A0=HYPERLINK(\"http://evil.example\")")]
    [InlineData("\u3000@SUM(A1)")]
    [InlineData("\u2003\u2009+1")]
    [InlineData("\u200B-1")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    [InlineData(" \t -2")]
    [InlineData("＝1+1")]
    public void Cell_StartingWithAFormula_AfterAnyBlanks_IsDefused(string value)
    {
        var cell = EvaluationExport.Cell(value);

        Assert.StartsWith("'", cell.TrimStart('"'));
        Assert.EndsWith(value.Replace("\"", "\"\""), cell.TrimEnd('"'));
    }

    [Theory]
    [InlineData("市民活動推進課")]
    [InlineData(" 見守り = 大切")]
    [InlineData("3")]
    [InlineData("")]
    [InlineData("\u3000")]
    public void Cell_OfPlainText_IsLeftAlone(string value)
    {
        Assert.Equal(value, EvaluationExport.Cell(value));
    }
}

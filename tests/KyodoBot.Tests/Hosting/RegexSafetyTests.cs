using KyodoBot.Core.Hosting;

namespace KyodoBot.Tests.Hosting;

/// <summary>Every regex of the bot runs under a time limit (ADR 0077), set before the first regex is used.</summary>
public sealed class RegexSafetyTests
{
    [Fact]
    public void Apply_SetsTheDefaultMatchTimeout_TheRuntimeReads()
    {
        RegexSafety.Apply();

        Assert.Equal(TimeSpan.FromSeconds(2), Assert.IsType<TimeSpan>(AppContext.GetData("REGEX_DEFAULT_MATCH_TIMEOUT")));
    }

    [Fact]
    public void TheBotsEntryPoint_AppliesItFirst()
    {
        var program = File.ReadAllLines(Path.Combine(Architecture.MethodLengthTests.RepositoryRoot(), "src", "KyodoBot", "Program.cs"));

        var statements = program.Where(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)).ToList();
        Assert.Equal("RegexSafety.Apply();", statements[0].Trim());
    }
}

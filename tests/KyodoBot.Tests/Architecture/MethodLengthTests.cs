namespace KyodoBot.Tests.Architecture;

/// <summary>Issue #13: no method body in src/ over 60 lines (generated migrations excepted); limits on <see cref="MethodLengthScanner"/>.</summary>
public sealed class MethodLengthTests
{
    private const int MaxLines = 60;

    [Fact]
    public void NoMethodInSrc_IsLongerThan60Lines()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(src, f).Split(Path.DirectorySeparatorChar).Any(part => part is "Migrations" or "obj" or "bin"))
            .ToList();

        var bodies = files
            .SelectMany(f => MethodLengthScanner.Scan(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(src, f), Method: m)))
            .ToList();
        var tooLong = bodies
            .Where(x => x.Method.Lines > MaxLines)
            .Select(x => $"{x.File}:{x.Method.Line} {x.Method.Name} ({x.Method.Lines} lines)")
            .ToList();

        Assert.True(files.Count > 100, $"only {files.Count} files found under {src}");
        Assert.True(bodies.Count > 2 * files.Count, $"only {bodies.Count} method bodies recognised in {files.Count} files");
        Assert.True(tooLong.Count == 0, "Methods over " + MaxLines + " lines (split them by job):\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void Scanner_CountsTheLinesBetweenTheBraces()
    {
        var source = $$"""
            public sealed class A
            {
                public int Short(int x)
                {
            {{Lines(60)}}
                }

                private static async Task<int> Long<T>(T x) where T : class
                {
            {{Lines(61)}}
                }
            }
            """;

        var bodies = MethodLengthScanner.Scan(source);

        Assert.Equal([("Short", 60), ("Long", 61)], bodies.Select(b => (b.Name, b.Lines)));
    }

    [Fact]
    public void Scanner_IgnoresBracesInStringsCharsAndComments()
    {
        var source = """"
            public sealed class A
            {
                public string F(int x)
                {
                    var a = "}"; var b = '}'; var c = '\''; var d = @"}""{";
                    // }
                    /* { */
                    var e = $"{x} }} {(x > 0 ? "}" : "{")}";
                    var f = $$"""{{x}} } """;
                    return a;
                }
            }
            """";

        Assert.Equal([("F", 6)], MethodLengthScanner.Scan(source).Select(b => (b.Name, b.Lines)));
    }

    [Theory]
    [InlineData("public Foo(int x) : base(x)", "Foo")]
    [InlineData("[Fact] public async Task Works()", "Works")]
    [InlineData("private static (double ColdMs, double WarmMs) TimeLoads(KnowledgeBase knowledge)", "TimeLoads")]
    [InlineData("string Text(string option)", "Text")]
    [InlineData("public static T Get<T>(int a = 5) where T : class, new()", "Get")]
    [InlineData("if (x > 0)", null)]
    [InlineData("else if (x(y))", null)]
    [InlineData("catch (Exception ex) when (Filter(ex))", null)]
    [InlineData("using (var s = Open())", null)]
    [InlineData("var options = new Options(1)", null)]
    [InlineData("return new Options(1)", null)]
    [InlineData("services.Configure(o =>", null)]
    [InlineData("public sealed record Options(long MaxBytes)", null)]
    [InlineData("public sealed class Validator(IConfiguration configuration) : IValidateOptions<X>", null)]
    [InlineData("public int Count", null)]
    public void Scanner_TellsMethodsFromOtherBlocks(string header, string? name) =>
        Assert.Equal(name, MethodLengthScanner.MemberName(header));

    private static string Lines(int count) => string.Join("\n", Enumerable.Range(1, count).Select(i => $"        var x{i} = {i};"));

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KyodoBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("KyodoBot.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.CommandLine;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Knowledge.Documents;

namespace KyodoBot.Cli;

/// <summary>
/// <c>knowledge check [FILE …] [--set A.jsonl,B.jsonl]</c>: the sections each file produces, their problems, and the
/// questions whose answer changes because of them (<see cref="KnowledgeCheck"/>). Without files: every Word and PDF
/// file of the knowledge folder. Without <c>--set</c>: the question sets of the repository that exist here.
/// </summary>
public sealed class KnowledgeVerb : ICliVerb
{
    public string Name => "knowledge";
    public string Usage => "knowledge check [FILE.docx|FILE.pdf|FILE.md …] [--set A.jsonl,B.jsonl]";
    private readonly Argument<string[]> _files = new("FILE") { Description = "Word, PDF or Markdown files to check (default: every Word and PDF file of the knowledge folder).", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string> _set = CliOptions.Text("--set", "Question sets to compare, A.jsonl,B.jsonl (default: the repository's development sets).");

    public KnowledgeVerb() => Command = new Command(Name, "Checks Word and PDF knowledge files: their sections, problems and the answers they change.")
    {
        new Command("check", "Lists each file's sections and problems, and the questions whose answer changes because of the files.") { _files, _set },
    };

    public Command Command { get; }
    public bool UsesDatabase => false;

    public async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken cancellationToken)
    {
        var folder = services.GetRequiredService<KnowledgeBase>().Folder;
        var setOption = parsed.GetValue(_set);
        var named = (parsed.GetValue(_files) ?? []).Select(CliRunner.UserPath).ToList();
        var files = named.Count > 0 ? named
            : Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder).Where(KnowledgeDocuments.IsDocument).Order(StringComparer.Ordinal)]
            : [];
        foreach (var file in files)
        {
            var extension = Path.GetExtension(file).ToLowerInvariant();
            if (!File.Exists(file) || !(KnowledgeDocuments.IsDocument(file) || extension == ".md"))
            {
                await Console.Error.WriteLineAsync(File.Exists(file)
                    ? $"knowledge: {file} is not a knowledge file; use .docx, .pdf or .md"
                    : $"knowledge: no such file: {file}");
                return 2;
            }
        }

        if (files.Count == 0)
        {
            Console.WriteLine($"knowledge: no Word or PDF file in {folder}; name the files to check");
            return 0;
        }

        var root = services.GetRequiredService<ContentPaths>().Root;
        var sets = setOption is { } list
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(CliRunner.UserPath).ToList()
            : new[]
            {
                Path.Combine(root, "..", "shared", "eval", "qa-dev.jsonl"),
                Path.Combine(root, "tests", "KyodoBot.Tests", "Knowledge", "realistic-dev.jsonl"),
                Path.Combine(root, "tests", "KyodoBot.Tests", "Knowledge", "heldout-questions.jsonl"),
            }.Where(File.Exists).Select(Path.GetFullPath).ToList();
        if (sets.FirstOrDefault(s => !File.Exists(s)) is { } missing)
        {
            await Console.Error.WriteLineAsync($"knowledge: no such question set: {missing}");
            return 2;
        }

        try
        {
            return KnowledgeCheck.Run(folder, files, sets, Console.Out);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"knowledge: {ex.Message}");
            return 2;
        }
    }
}

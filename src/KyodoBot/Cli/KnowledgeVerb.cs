using System.CommandLine;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Knowledge.Documents;

namespace KyodoBot.Cli;

/// <summary>
/// <c>knowledge check [FILE …] [--set A.jsonl,B.jsonl]</c>: the sections each file produces, their problems, and the
/// questions whose answer changes because of them (<see cref="KnowledgeCheck"/>). Without files: every Word and PDF
/// file of the knowledge folder. Without <c>--set</c>: the question sets of the repository that exist here.
/// <c>knowledge warm</c>: builds the index once and keeps the phrasings' features in <c>Knowledge:FeatureCacheFolder</c>,
/// so that the bot's first build after a deploy reads them (an image build can run it; ADR 0080).
/// </summary>
public sealed class KnowledgeVerb : ICliVerb
{
    public string Name => "knowledge";
    public string Usage => "knowledge check [FILE.docx|FILE.pdf|FILE.md …] [--set A.jsonl,B.jsonl] | knowledge warm";
    private readonly Argument<string[]> _files = new("FILE") { Description = "Word, PDF or Markdown files to check (default: every Word and PDF file of the knowledge folder).", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string> _set = CliOptions.Text("--set", "Question sets to compare, A.jsonl,B.jsonl (default: the repository's development sets).");

    public KnowledgeVerb() => Command = new Command(Name, "Checks Word and PDF knowledge files: their sections, problems and the answers they change.")
    {
        new Command("check", "Lists each file's sections and problems, and the questions whose answer changes because of the files.") { _files, _set },
        new Command("warm", "Builds the index once and keeps the phrasings' features in Knowledge:FeatureCacheFolder for the next start."),
    };

    public Command Command { get; }
    public bool UsesDatabase => false;

    public async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken cancellationToken)
    {
        return parsed.CommandResult.Command.Name == "warm"
            ? await WarmAsync(services.GetRequiredService<KnowledgeBase>())
            : await CheckAsync(parsed, services);
    }

    private static async Task<int> WarmAsync(KnowledgeBase knowledge)
    {
        var index = knowledge.Reload();
        var cache = knowledge.PhrasingFeatures;
        await cache.LastWrite;
        var (cached, analysed) = cache.LastBuild;
        Console.WriteLine($"knowledge: {index.Sections.Count} sections, {index.Phrasings.Count} phrasings ({cached} read from the cache, {analysed} analysed) in {knowledge.LastLoadDuration.TotalMilliseconds:F0} ms");
        Console.WriteLine(cache.LastFile is { } file
            ? $"knowledge: the phrasings' features are kept in {file}"
            : $"knowledge: {KnowledgeCacheSettings.Key} is off; nothing is kept for the next start");
        return index.Errors.Count == 0 ? 0 : 1;
    }

    private async Task<int> CheckAsync(ParseResult parsed, IServiceProvider services)
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

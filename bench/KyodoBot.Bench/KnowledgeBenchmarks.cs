using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Bench;

/// <summary>Answering in-process (target p95 ≤ 5 ms) and building the index from knowledge/ (target ≤ 500 ms).</summary>
[Config(typeof(Percentiles))]
[MemoryDiagnoser]
public class KnowledgeBenchmarks
{
    // A mix of kinds, not the evaluation set: definitions, lists, English, synonyms, out of scope, a long question.
    private static readonly string[] Questions =
    [
        "公開の原則とは何ですか", "協働の7つの原則を教えてください", "What does the principle of equality mean?",
        "コラボ事業の評価はいつ？", "縦割りの弊害について教えて", "SNSとは", "明日の会議室を予約して",
        "市民みらい創造プラザに入る施設は？", "NPO法人の認証の相談は？", new string('協', 2000),
    ];

    private KnowledgeBase _knowledge = null!;
    private KnowledgeAnswerer _answerer = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _knowledge = new KnowledgeBase(ContentPaths.Resolve(null, AppContext.BaseDirectory).Knowledge);
        _knowledge.Reload();
        _answerer = new KnowledgeAnswerer(_knowledge);
    }

    [Benchmark(Description = "Ask (rotating 10 questions)")]
    public Answer Ask()
    {
        var question = Questions[_next++ % Questions.Length];
        return _answerer.Ask(question, LanguageResolver.Resolve(question, Language.Japanese));
    }

    [Benchmark(Description = "Build index from knowledge/")]
    public KnowledgeIndex BuildIndex() => KnowledgeIndex.Build(_knowledge.Folder);

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles()
        {
            // In-process: no generated project to build, so it runs from any folder.
            AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        }
    }
}

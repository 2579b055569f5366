using System.Diagnostics;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Bench;

/// <summary>
/// Per-question latency distribution in-process (each call timed on its own, so p95 is over questions, not over
/// BenchmarkDotNet's iteration means), and the cold index build (first load in a fresh process, JIT included).
/// </summary>
internal static class KnowledgeLatency
{
    /// <summary>The kinds of question timed here and by <see cref="DocumentIngestion"/>.</summary>
    internal static readonly string[] Questions =
    [
        "公開の原則とは何ですか", "協働の7つの原則を教えてください", "What does the principle of equality mean?",
        "コラボ事業の評価はいつ？", "縦割りの弊害について教えて", "SNSとは", "明日の会議室を予約して",
        "市民みらい創造プラザに入る施設は？", "NPO法人の認証の相談は？", "税金を使う事業で大事な原則は",
        "How should the city share information about collaboration projects?", "庁舎の駐車場はどこ",
        new string('協', 10_000),
        // A 10,000-character story of many sentences (cut to 1,000): the most per-sentence work one question can cause.
        string.Concat(Enumerable.Repeat("地元の団体と見守りの事業を続けています。けれども担当が毎年替わり、引き継ぎがうまくいっていません。", 200)) + "どう考えればよいでしょうか。",
        // How staff really type (issue #10): casual, a typo, a request, English through the EDICT extract, a long message.
        "NPOさんと組むとき最初にすり合わせとくことってある？", "時現性の原則って？", "来週の会議室おさえといて",
        "Why don't citizens understand the word collaboration?",
        "来年度から地域の子ども食堂を運営しているNPOと一緒に事業をやることになりました。うちの課としては初めての協働なので勝手がわかりません。始める前に相手とまず共有しておくべきことは何でしょうか。",
    ];

    /// <summary>
    /// The first load of the folder in this process (JIT included), then a second one; and whether the first found every
    /// phrasing's features cached (in a file: the cache is new).
    /// </summary>
    internal static (double ColdMs, double WarmMs, bool ColdFromFile) TimeLoads(KnowledgeBase knowledge)
    {
        var cold = Stopwatch.StartNew();
        knowledge.Reload();
        var coldMs = cold.Elapsed.TotalMilliseconds;
        var coldFromFile = knowledge.PhrasingFeatures.LastBuild.Analysed == 0;
        var warm = Stopwatch.StartNew();
        knowledge.Reload();
        return (coldMs, warm.Elapsed.TotalMilliseconds, coldFromFile);
    }

    /// <summary>Each kind once to warm up, then <paramref name="calls"/> questions in turn, each timed on its own (in call order).</summary>
    internal static double[] TimeAnswers(KnowledgeAnswerer answerer, int calls)
    {
        foreach (var q in Questions)
        {
            answerer.Ask(q, LanguageResolver.Resolve(q, Language.Japanese));
        }

        var latencies = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var q = Questions[i % Questions.Length];
            var start = Stopwatch.GetTimestamp();
            answerer.Ask(q, LanguageResolver.Resolve(q, Language.Japanese));
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return latencies;
    }

    public static int Run(string[] args)
    {
        var calls = Args.Int(args, "--calls", 20_000);
        // --folder DIR: another knowledge folder (e.g. the manual copied 20 times, to see how ranking scales with sections).
        var folder = Args.Text(args, "--folder") ?? ContentPaths.Resolve(null, AppContext.BaseDirectory).Knowledge;
        // --feature-cache DIR: keep the phrasings' features in DIR between processes (ADR 0080); run twice to time the
        // first build of a process that finds the file. Without it the cold build analyses every phrasing.
        var featureCache = Args.Text(args, "--feature-cache");
        var knowledge = new KnowledgeBase(folder, phrasings: new PhrasingFeatureCache(featureCache));
        var (coldMs, warmMs, coldFromFile) = TimeLoads(knowledge);
        knowledge.PhrasingFeatures.LastWrite.Wait();
        var latencies = TimeAnswers(new KnowledgeAnswerer(knowledge), calls);

        var (cpuMicroseconds, allocatedBytes) = CpuPerAnswer(new KnowledgeAnswerer(knowledge), Args.Int(args, "--cpu-rounds", 300));
        var (withDictionaries, withoutDictionaries, rssGrowth, allocatedByBuild, rssAfterAggressive) = DictionaryMemory(folder);
        var (storyMs, storyBytes) = Built(knowledge.Current, (entries, sections) => PhrasingBayes.Build(entries, sections));
        var (classifierMs, classifierBytes) = Built(knowledge.Current, (entries, sections) => PhrasingLogistic.Build(entries, sections));

        if (Args.Flag(args, "--by-kind"))
        {
            PrintByKind(latencies, new KnowledgeAnswerer(knowledge));
        }

        Array.Sort(latencies);
        double P(double p) => latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
        Console.WriteLine($"index build: cold {coldMs:F0} ms (first in process, JIT included{(featureCache is null ? "" : $", features file {(coldFromFile ? "read" : "not found, written")}")}), warm {warmMs:F0} ms; {knowledge.SectionCount} sections");
        Console.WriteLine($"answering {calls} questions ({Questions.Length} kinds incl. two of 10,000 chars): p50 {P(0.5):F3} ms, p95 {P(0.95):F3} ms, p99 {P(0.99):F3} ms, max {latencies[^1]:F3} ms");
        Console.WriteLine($"the {AnswererBenchmarks.Questions.Length} questions of AnswererBenchmarks: {cpuMicroseconds:F1} µs of process CPU time and {allocatedBytes / 1024.0:F1} KB allocated per answer (less sensitive to other processes than wall time)");
        Console.WriteLine($"dictionary extracts: index retains {withDictionaries / 1024.0:F0} KB with them, {withoutDictionaries / 1024.0:F0} KB without (managed heap, after full GC); process RSS grew {rssGrowth / 1024.0:F0} KB while loading the index with them");
        Console.WriteLine($"story reading (ADR 0072, built after the index is served): built in {storyMs:F0} ms, retains {storyBytes / 1024.0:F0} KB");
        Console.WriteLine($"phrasing classifier (ADR 0073, trained after the index is served): trained in {classifierMs:F0} ms, retains {classifierBytes / 1024.0:F0} KB");
        // The RSS growth is memory the GC has not returned yet: it follows the GC mode (server GC, the Web SDK's default,
        // keeps a heap per core and larger budgets) far more than what the build retains.
        Console.WriteLine($"that build allocated {allocatedByBuild / 1048576.0:F1} MB in all (transient); GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {Environment.ProcessorCount} cores; RSS growth once an aggressive GC returned what it could: {rssAfterAggressive / 1024.0:F0} KB");
        return 0;
    }

    /// <summary>Each kind's median and slowest decile (in call order, as <see cref="TimeAnswers"/> asks them in turn): which questions make the p95.</summary>
    private static void PrintByKind(double[] latencies, KnowledgeAnswerer answerer)
    {
        for (var k = 0; k < Questions.Length; k++)
        {
            var own = latencies.Where((_, i) => i % Questions.Length == k).Order().ToArray();
            var text = Questions[k].Length > 40 ? Questions[k][..40] + "…" : Questions[k];
            var language = LanguageResolver.Resolve(Questions[k], Language.Japanese);
            answerer.Ask(Questions[k], language);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            answerer.Ask(Questions[k], language);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Console.WriteLine($"  p50 {own[own.Length / 2]:F3} ms, p90 {own[own.Length * 9 / 10]:F3} ms, {allocated / 1024.0:F0} KB  {text}");
        }
    }

    /// <summary>
    /// Process CPU time and managed allocation per answer over <paramref name="rounds"/> passes of
    /// <see cref="AnswererBenchmarks.Questions"/> on this thread: on a machine shared with other builds, CPU time moves
    /// far less than wall time, as waiting for a core is not counted.
    /// </summary>
    private static (double CpuMicroseconds, double AllocatedBytes) CpuPerAnswer(KnowledgeAnswerer answerer, int rounds)
    {
        var questions = AnswererBenchmarks.Questions;
        var languages = questions.Select(q => LanguageResolver.Resolve(q, Language.Japanese)).ToArray();
        for (var i = 0; i < questions.Length * 20; i++)
        {
            answerer.Ask(questions[i % questions.Length], languages[i % questions.Length]);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < questions.Length; i++)
            {
                answerer.Ask(questions[i], languages[i]);
            }
        }

        var calls = (double)rounds * questions.Length;
        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / calls, (GC.GetAllocatedBytesForCurrentThread() - allocated) / calls);
    }

    /// <summary>Managed memory an index retains with and without the two dictionary extracts, and the RSS growth of loading it.</summary>
    private static (long With, long Without, long RssGrowth, long Allocated, long RssAfterAggressive) DictionaryMemory(string folder)
    {
        var bare = Directory.CreateTempSubdirectory("kyodo-bench-knowledge-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder).Where(f => Path.GetExtension(f) != ".tsv"))
            {
                File.Copy(file, Path.Combine(bare, Path.GetFileName(file)));
            }

            var without = Retained(() => KnowledgeIndex.Build(bare));
            var rss = Environment.WorkingSet;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            KnowledgeIndex? index = null;
            var with = Retained(() => index = KnowledgeIndex.Build(folder));
            var (grown, total) = (Environment.WorkingSet - rss, GC.GetTotalAllocatedBytes(precise: true) - allocated);
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var afterAggressive = Environment.WorkingSet - rss;
            GC.KeepAlive(index);
            return (with, without, grown, total, afterAggressive);
        }
        finally
        {
            Directory.Delete(bare, recursive: true);
        }
    }

    /// <summary>A reading built once more from the served index's phrasings (after it is served): its time and what it retains.</summary>
    private static (double Ms, long Bytes) Built(KnowledgeIndex index, Func<IReadOnlyList<IndexedPhrasing>, int, object> build)
    {
        var entries = index.Phrasings.Entries;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        var reading = build(entries, index.Sections.Count);
        stopwatch.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(reading);
        return (stopwatch.Elapsed.TotalMilliseconds, after - before);
    }

    private static long Retained(Func<KnowledgeIndex> build)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = build();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(index);
        return after - before;
    }
}

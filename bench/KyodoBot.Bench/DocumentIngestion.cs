using System.Diagnostics;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Knowledge.Documents;
using KyodoBot.Tests.Knowledge.Documents;

namespace KyodoBot.Bench;

/// <summary>
/// <c>documents [--pages 200] [--calls 20000]</c>: a Japanese PDF of at least that many pages (the manual laid out
/// again and again, with an outline, running header and page numbers) is generated, then timed: reading it alone
/// (<see cref="KnowledgeDocuments.Load(string)"/>, first in the process), and the whole knowledge folder with it
/// (cold and warm), then answering the questions of <see cref="KnowledgeLatency"/> with it present.
/// </summary>
internal static class DocumentIngestion
{
    public static int Run(string[] args)
    {
        var pages = Args.Int(args, "--pages", 200);
        var calls = Args.Int(args, "--calls", 20_000);
        var knowledgeFolder = ContentPaths.Resolve(null, AppContext.BaseDirectory).Knowledge;
        var folder = Path.Combine(Path.GetTempPath(), "kyodobot-bench-documents-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in Directory.EnumerateFiles(knowledgeFolder))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var sections = ManualDocuments.Sections(knowledgeFolder);
            var generate = Stopwatch.StartNew();
            var probe = ManualDocuments.Pdf(sections);
            int PagesOf(byte[] pdf)
            {
                using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
                return document.NumberOfPages;
            }

            var repeat = (int)Math.Ceiling(pages / (double)PagesOf(probe));
            var bytes = ManualDocuments.Pdf(sections, repeat);
            var path = Path.Combine(folder, "協働のあり方_合本.pdf");
            File.WriteAllBytes(path, bytes);
            var actualPages = PagesOf(bytes);
            Console.WriteLine($"generated a {actualPages}-page PDF ({bytes.Length / 1024} KB, the manual {repeat}×) in {generate.Elapsed.TotalSeconds:F1} s");

            var read = Stopwatch.StartNew();
            var result = KnowledgeDocuments.Load(path);
            var readMs = read.Elapsed.TotalMilliseconds;
            var again = Enumerable.Range(0, 3).Select(_ =>
            {
                var watch = Stopwatch.StartNew();
                KnowledgeDocuments.Load(path);
                return watch.Elapsed.TotalMilliseconds;
            }).Order().ToList();

            var knowledge = new KnowledgeBase(folder);
            var (coldMs, warmMs, _) = KnowledgeLatency.TimeLoads(knowledge);
            var (uncachedMs, cachedMs) = ReloadAfterMarkdownSave(folder, knowledge);
            var answerer = new KnowledgeAnswerer(knowledge);
            var latencies = KnowledgeLatency.TimeAnswers(answerer, calls);

            // Which kinds of question cost the most (a p95 over 18 kinds is the 18th-slowest kind's time).
            var perKind = KnowledgeLatency.Questions.Select((q, k) => (Question: q.Length > 30 ? q[..30] + "…" : q,
                Median: latencies.Where((_, i) => i % KnowledgeLatency.Questions.Length == k).Order().ElementAt(calls / KnowledgeLatency.Questions.Length / 2)))
                .OrderByDescending(x => x.Median).Take(5).ToList();
            Array.Sort(latencies);
            double P(double p) => latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
            Console.WriteLine($"reading the PDF alone: {readMs:F0} ms (first in process, JIT included); {result.Sections.Count} sections, {result.Problems.Count} problems; again (median of 3) {again[1]:F0} ms");
            Console.WriteLine($"knowledge folder with it: cold {coldMs:F0} ms, warm {warmMs:F0} ms (documents cached); {knowledge.SectionCount} sections");
            Console.WriteLine($"reload after a .md save (median of 5): {uncachedMs:F0} ms reading every document, {cachedMs:F0} ms with the document cache");
            Console.WriteLine($"answering {calls} questions with it present: p50 {P(0.5):F3} ms, p95 {P(0.95):F3} ms, p99 {P(0.99):F3} ms, max {latencies[^1]:F3} ms");
            if (Environment.GetEnvironmentVariable("KYODOBOT_BENCH_STAGES") == "1")
            {
                var index = knowledge.Current;
                foreach (var q in KnowledgeLatency.Questions)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    Question analyzed = default!;
                    double[] w = [];
                    for (var r = 0; r < 50; r++) { analyzed = index.Analyze(q); }
                    var t1 = Stopwatch.GetTimestamp();
                    for (var r = 0; r < 50; r++) { w = index.Weights(analyzed); }
                    var t2 = Stopwatch.GetTimestamp();
                    for (var r = 0; r < 50; r++) { index.Rank(analyzed, w); }
                    var t3 = Stopwatch.GetTimestamp();
                    for (var r = 0; r < 50; r++) { answerer.AnswerFrom(index, q, Language.Japanese); }
                    var t4 = Stopwatch.GetTimestamp();
                    double Ms(long a, long b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds / 50;
                    Console.WriteLine($"  {q[..Math.Min(20, q.Length)]}: concepts {analyzed.Concepts.Count}, analyze {Ms(t0, t1):F2}, weights {Ms(t1, t2):F2}, rank {Ms(t2, t3):F2}, whole {Ms(t3, t4):F2} ms");
                }
            }

            Console.WriteLine("slowest kinds (median): " + string.Join("; ", perKind.Select(x => $"{x.Question} {x.Median:F2} ms")));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A Markdown file saved again, then the folder built without the document cache (every PDF read) and reloaded by
    /// the knowledge base (its cache keeps the unchanged PDF): median of 5 each.
    /// </summary>
    private static (double UncachedMs, double CachedMs) ReloadAfterMarkdownSave(string folder, KnowledgeBase knowledge)
    {
        var markdown = Directory.EnumerateFiles(folder, "*.md").First(f => !Path.GetFileName(f).StartsWith('_'));
        var uncached = new List<double>();
        var cached = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            File.SetLastWriteTimeUtc(markdown, DateTime.UtcNow);
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(KnowledgeIndex.Build(folder));
            uncached.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            knowledge.Reload();
            cached.Add(watch.Elapsed.TotalMilliseconds);
        }

        return (uncached.Order().ElementAt(2), cached.Order().ElementAt(2));
    }
}

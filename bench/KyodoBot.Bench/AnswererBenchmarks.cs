using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Bench;

/// <summary>
/// The answerer and its stages on a fixed list of 30 questions as staff type them (issue #10, the phrasing matcher's
/// cost): one operation = all 30, so time and allocation per question are the figures ÷ 30.
/// <c>dotnet run -c Release --project bench/KyodoBot.Bench -- micro --filter '*AnswererBenchmarks*'</c>.
/// </summary>
[Config(typeof(Short))]
[MemoryDiagnoser]
public class AnswererBenchmarks
{
    /// <summary>Written for this benchmark, not taken from the question sets or the phrasings.</summary>
    internal static readonly string[] Questions =
    [
        // Polite, the manual's words.
        "公開の原則とは何ですか", "協働事業の評価はどのように行えばよいですか", "対等の原則について教えてください",
        "市民活動団体との役割分担はどう決めればよいでしょうか",
        // Casual, typed quickly.
        "NPOと組むとき最初に決めとくことある？", "評価っていつやればいいの", "協働ってそもそも何", "相手の団体の自主性ってどこまで尊重すんの",
        "情報公開しなきゃだめ？", "縦割りってなんで問題なん",
        // English.
        "What is the principle of openness?", "How often should we evaluate a joint project?",
        "Do partners have to be treated as equals?", "What should we agree on before starting a collaboration?",
        "Why is working across departments hard for the city?",
        // Long: a situation, then the question.
        "来年度から地域の見守り活動をしている団体と一緒に事業をすることになりました。課として協働は初めてで、何から手を付ければいいか分かりません。最初に相手と確認しておくべきことは何でしょうか。",
        "うちの課で三年続いている協働事業があるのですが、最近は惰性で続けている感じがしています。やめるかどうか判断する材料がほしいです。見直しのタイミングはどう考えればいいですか？",
        "We started a project with a local volunteer group last spring. Some colleagues feel the city is making all the decisions. How should roles and responsibilities be shared?",
        // Typos, half-width kana, odd spacing.
        "時現性の原則って？", "ｷｮｳﾄﾞｳの原則おしえて", "行動企範 一覧",
        // Broad: lists.
        "協働の原則ぜんぶ教えて", "取り組みをざっくり知りたい", "What are the challenges?",
        // Out of scope, near and far, and requests.
        "協働提案事業の応募締切っていつ？", "補助金の申請書の様式はどこ？", "庁舎の駐車場は何台とめられますか",
        "明日の会議室を予約して", "Can you book a taxi for me?", "ボランティア保険に入る方法は？",
    ];

    private KnowledgeIndex _index = null!;
    private KnowledgeAnswerer _answerer = null!;
    private Language[] _languages = [];
    private Question[] _analysed = [];

    [GlobalSetup]
    public void Setup()
    {
        var knowledge = new KnowledgeBase(ContentPaths.Resolve(null, AppContext.BaseDirectory).Knowledge);
        knowledge.Reload();
        _index = knowledge.Current;
        _answerer = new KnowledgeAnswerer(knowledge);
        _languages = [.. Questions.Select(q => LanguageResolver.Resolve(q, Language.Japanese))];
        _analysed = [.. Questions.Select(q => _index.Analyze(q))];
    }

    [Benchmark(Description = "Ask: 30 questions")]
    public int Ask()
    {
        var answered = 0;
        for (var i = 0; i < Questions.Length; i++)
        {
            answered += _answerer.AnswerFrom(_index, Questions[i], _languages[i]).Answered ? 1 : 0;
        }

        return answered;
    }

    [Benchmark(Description = "Analyse: 30 questions")]
    public int Analyse()
    {
        var concepts = 0;
        foreach (var question in Questions)
        {
            concepts += _index.Analyze(question).Concepts.Count;
        }

        return concepts;
    }

    [Benchmark(Description = "Phrasing vote: 30 questions")]
    public int Vote()
    {
        var best = 0;
        for (var i = 0; i < Questions.Length; i++)
        {
            best += _index.Phrasings.Vote(_index, Questions[i], analyzed: _analysed[i]).Best;
        }

        return best;
    }

    [Benchmark(Description = "Rank: 30 questions")]
    public int Rank()
    {
        var ranked = 0;
        foreach (var question in _analysed)
        {
            ranked += _index.Rank(question, _index.Weights(question)).Count;
        }

        return ranked;
    }

    private sealed class Short : ManualConfig
    {
        public Short()
        {
            AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(12).WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        }
    }
}

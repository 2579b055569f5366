using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using KyodoBot.Bot;
using KyodoBot.Core;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge;

namespace KyodoBot.Bench;

/// <summary>Where the CPU of a Q&amp;A turn goes, outside HTTP and the adapter: answer, card, activity, JSON.</summary>
[Config(typeof(InProcess))]
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private const string Question = "公開の原則とは何ですか";
    private ServiceProvider _services = null!;
    private AnswerService _answers = null!;
    private AnswerPresenter _presenter = null!;
    private Answer _answer = null!;
    private OutgoingMessage _message = null!;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:KyodoBot"] = "Data Source=:memory:",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKyodoCore(configuration);
        _services = services.BuildServiceProvider();
        _answers = _services.GetRequiredService<AnswerService>();
        _presenter = _services.GetRequiredService<AnswerPresenter>();
        _answer = _answers.AnswerAsync(Question, Language.Japanese, default).GetAwaiter().GetResult().Answer;
        _message = Present();
    }

    [Benchmark]
    public Answer Answer() => _answers.AnswerAsync(Question, Language.Japanese, default).GetAwaiter().GetResult().Answer;

    [Benchmark]
    public OutgoingMessage Present() => _presenter.Present(_answer, new FeedbackKey("activity-1", Question, "principle-6", 1), Language.Japanese, false);

    [Benchmark]
    public string ToActivityJson() => Newtonsoft.Json.JsonConvert.SerializeObject(ActivityMapper.ToActivity(_message));

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    private sealed class InProcess : ManualConfig
    {
        public InProcess() =>
            AddJob(Job.ShortRun.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
    }
}

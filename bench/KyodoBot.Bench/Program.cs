using KyodoBot.Bench;

// dotnet run -c Release --project bench/KyodoBot.Bench -- host [--seconds 10] [--clients 32]
// dotnet run -c Release --project bench/KyodoBot.Bench -- coldstart [--runs 5]
// dotnet run -c Release --project bench/KyodoBot.Bench -- micro --filter '*Knowledge*'   (BenchmarkDotNet)
// dotnet run -c Release --project bench/KyodoBot.Bench -- answers --sets a.jsonl,b.jsonl   (every answer, to diff two versions)
// dotnet run -c Release --project bench/KyodoBot.Bench -- phrasing-folds [--labels P1.tsv --labels P2.tsv --writers] [--fit]   (--fit: the answer decision's constants); --fit --one NAME: one input fitted with the rest held
// dotnet run -c Release --project bench/KyodoBot.Bench -- documents [--pages 200] [--calls 20000]
// dotnet run -c Release --project bench/KyodoBot.Bench -- mentions [--counts 1000,2000,4000]
// dotnet run -c Release --project bench/KyodoBot.Bench -- fanout [--mode http|cpu|both] [--runs 1] [--reminders 1000] [--channels 200] [--delay-ms 20] [--postgres CONN] [--set Teams:RateLimits:SafetyMarginMs=10]
// dotnet run -c Release --project bench/KyodoBot.Bench -- replies [--conversations 10,50,100,200,500] [--messages 20] [--delay-ms 20] [--think-ms 1000] [--bots kyodo,echo] [--instances 2 --postgres CONN] [--set Key=Value]
// As the bot runs (src/KyodoBot/Program.cs): every regex under a time limit, measured with its checks.
KyodoBot.Core.Hosting.RegexSafety.Apply();

return args.FirstOrDefault() switch
{
    "host" => await HostThroughput.RunAsync(args),
    "coldstart" => await ColdStart.RunAsync(args),
    "micro" => Micro(args),
    "knowledge" => KnowledgeLatency.Run(args),
    "answers" => AnswerFingerprint.Run(args),
    "phrasing-folds" => PhrasingFolds.Run(args),
    "documents" => DocumentIngestion.Run(args),
    "dialog" => await DialogLatency.RunAsync(args),
    "fanout" => await ReminderFanOut.RunAsync(args),
    "mentions" => MentionCost.Run(args),
    "replies" => await ReplyLoad.RunAsync(args),
    "fake-connector" => await FakeConnectorProcess.ServeAsync(args),
    _ => Usage(),
};

static int Micro(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(KyodoBot.Bench.KnowledgeBenchmarks).Assembly).Run(args.Skip(1).ToArray());
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: KyodoBot.Bench host [--seconds N] [--clients N] [--text T] | coldstart [--runs N] | micro [BenchmarkDotNet args] | knowledge [--folder DIR] [--calls N] [--by-kind] | answers [--sets a.jsonl,b.jsonl] [--folder DIR] | phrasing-folds [--folder DIR] [--labels TSV]... [--writers] [--folds N] [--eval FILE.jsonl]... [--failures [--style S] [--concepts]] [--answerer-only (the only mode; accepted)] [--fit [--l2 X] [--one NAME] [--sets a.jsonl,b.jsonl [--add NAME [--add-steps N]]]] [--leave-one-out] | documents [--pages N] [--calls N] | dialog [--turns N] | mentions [--counts N,N] | fanout [--mode http|cpu|both] [--runs N] [--reminders N] [--channels N] [--delay-ms N] [--parallel N] [--messenger-delay-ms N] [--warmups N] [--cpu-rounds N] [--postgres CONN] [--set Key=Value]... | replies [--conversations N,N,...] [--messages N] [--delay-ms N] [--think-ms N] [--text T] [--bots kyodo,echo] [--instances N] [--postgres CONN] [--timeout-seconds N] [--set Key=Value]...");
    return 2;
}

using KyodoBot.Bench;

// dotnet run -c Release --project bench/KyodoBot.Bench -- host [--seconds 10] [--clients 32]
// dotnet run -c Release --project bench/KyodoBot.Bench -- coldstart [--runs 5]
// dotnet run -c Release --project bench/KyodoBot.Bench -- micro --filter '*Knowledge*'   (BenchmarkDotNet)
return args.FirstOrDefault() switch
{
    "host" => await HostThroughput.RunAsync(args),
    "coldstart" => await ColdStart.RunAsync(args),
    "micro" => Micro(args),
    "knowledge" => KnowledgeLatency.Run(args),
    "dialog" => await DialogLatency.RunAsync(args),
    _ => Usage(),
};

static int Micro(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(KyodoBot.Bench.KnowledgeBenchmarks).Assembly).Run(args.Skip(1).ToArray());
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: KyodoBot.Bench host [--seconds N] [--clients N] [--text T] | coldstart [--runs N] | micro [BenchmarkDotNet args]");
    return 2;
}

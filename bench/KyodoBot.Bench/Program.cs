using KyodoBot.Bench;

// dotnet run -c Release --project bench/KyodoBot.Bench -- host [--seconds 10] [--clients 32]
// dotnet run -c Release --project bench/KyodoBot.Bench -- coldstart [--runs 5]
return args.FirstOrDefault() switch
{
    "host" => await HostThroughput.RunAsync(args),
    "coldstart" => await ColdStart.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: KyodoBot.Bench host [--seconds N] [--clients N] | coldstart [--runs N]");
    return 2;
}

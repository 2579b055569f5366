using System.Diagnostics;
using System.Net;

namespace KyodoBot.Bench;

/// <summary>Cold start: process launch of the built bot to /readyz answering 200, on a fresh SQLite database each run.</summary>
internal static class ColdStart
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Args.Int(args, "--runs", 5);
        var bot = Path.Combine(AppContext.BaseDirectory, "KyodoBot.dll");
        var times = new List<double>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        for (var run = 0; run < runs; run++)
        {
            var directory = Directory.CreateTempSubdirectory("kyodobot-cold-");
            var port = 40000 + Random.Shared.Next(20000);
            var start = new ProcessStartInfo("dotnet", [bot]) { WorkingDirectory = directory.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            // A relative SQLite file is under the content root (the checkout): a fresh one per run must be named.
            start.Environment["ConnectionStrings__KyodoBot"] = $"Data Source={Path.Combine(directory.FullName, "data", "kyodobot.db")}";
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var ready = false;
            while (clock.Elapsed < TimeSpan.FromSeconds(30) && !ready)
            {
                try
                {
                    ready = (await http.GetAsync($"http://127.0.0.1:{port}/readyz")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                if (!ready)
                {
                    Thread.Sleep(10);
                }
            }

            var elapsed = clock.Elapsed.TotalMilliseconds;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Console.WriteLine($"run {run + 1}: {(ready ? $"{elapsed:F0} ms" : "not ready in 30 s")}");
            if (ready)
            {
                times.Add(elapsed);
            }
        }

        times.Sort();
        Console.WriteLine($"cold start to /readyz: median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms over {times.Count} runs");
        return 0;
    }
}

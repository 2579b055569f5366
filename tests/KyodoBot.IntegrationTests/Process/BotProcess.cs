using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KyodoBot.IntegrationTests.Fakes;

namespace KyodoBot.IntegrationTests.Process;

/// <summary>The bot as an operator runs it: <c>dotnet KyodoBot.dll</c> in its own process, configured by environment.</summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();

    private BotProcess(System.Diagnostics.Process process, int port, IReadOnlyDictionary<string, string?> environment)
    {
        _process = process;
        Port = port;
        Environment = environment;
        process.OutputDataReceived += (_, e) =>
        {
            Append(e.Data);
            lock (_output)
            {
                _standardOutput.Append(e.Data is null ? "" : e.Data + "\n");
            }
        };
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>
    /// The configuration the bot was given (all but its URL): what a CLI verb of the same executable needs to work on the
    /// same database and content.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public bool HasExited => _process.HasExited;
    /// <summary>Standard output alone (what a script would capture); <see cref="Output"/> also has standard error.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_output)
            {
                return _standardOutput.ToString();
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static BotProcess Start(IReadOnlyDictionary<string, string?> environment, string[]? args = null, string? workingDirectory = null) =>
        Launch(environment, [RepoPaths.BotAssembly, .. args ?? []], workingDirectory);

    /// <summary>
    /// The bot (or a verb) as the README says to run it: <c>dotnet run --project src/KyodoBot -- …</c>, without building
    /// (the tests' build is the one used), so that whatever <c>dotnet run</c> adds (a launch profile, its messages) is tested.
    /// </summary>
    public static BotProcess StartWithDotnetRun(IReadOnlyDictionary<string, string?> environment, string[]? args = null, string? workingDirectory = null) =>
        Launch(environment,
            ["run", "--project", Path.Combine(RepoPaths.Root, "src", "KyodoBot"), "--no-build", "--configuration", RepoPaths.Configuration, "--", .. args ?? []],
            workingDirectory, clearBuildVariables: true);

    /// <summary>Starts the bot and waits until it is ready; if it is not, stops it before failing, so that no bot is left behind.</summary>
    public static async Task<BotProcess> StartReadyAsync(IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, string? workingDirectory = null, Action<int>? started = null)
    {
        var bot = Start(environment, workingDirectory: workingDirectory);
        started?.Invoke(bot.ProcessId);
        try
        {
            if (!await bot.WaitUntilReadyAsync(timeout))
            {
                throw new Xunit.Sdk.XunitException($"The bot was not ready within {timeout.TotalSeconds:0} s.\n{bot.Output}");
            }

            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    private static BotProcess Launch(IReadOnlyDictionary<string, string?> environment, string[] arguments, string? workingDirectory, bool clearBuildVariables = false)
    {
        var port = FreePort();
        workingDirectory ??= Path.GetDirectoryName(RepoPaths.BotAssembly)!;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        if (clearBuildVariables)
        {
            // dotnet test hands MSBuild's own variables to its children; a nested dotnet run must find its SDK afresh.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
            {
                start.Environment.Remove(key);
            }
        }

        var configuration = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kyodo__ContentRoot"] = RepoPaths.Root,
            // A relative SQLite file is taken from the content root (the checkout): each test gets its own file instead.
            ["ConnectionStrings__KyodoBot"] = $"Data Source={Path.Combine(workingDirectory, "data", "kyodobot.db")}",
        };
        foreach (var (key, value) in environment)
        {
            configuration[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in configuration)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return new BotProcess(System.Diagnostics.Process.Start(start)!, port, configuration);
    }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Polls /readyz until it answers 200, within <paramref name="timeout"/> overall. Any failed attempt (not listening
    /// yet, a slow answer on a busy machine, 503) is retried; false if the process exits or time runs out.
    /// </summary>
    public Task<bool> WaitUntilReadyAsync(TimeSpan timeout) =>
        Readiness.WaitAsync(new Uri(BaseUrl + "/readyz"), () => _process.HasExited, timeout, TimeSpan.FromSeconds(2));

    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            _process.WaitForExit();
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>Readiness polling, apart from the process so that its patience can be tested against a slow server.</summary>
public static class Readiness
{
    public static async Task<bool> WaitAsync(Uri url, Func<bool> gaveUp, TimeSpan timeout, TimeSpan attempt)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !gaveUp())
        {
            var left = timeout - deadline.Elapsed;
            using var bounded = new CancellationTokenSource(left < attempt ? left : attempt);
            try
            {
                using var response = await http.GetAsync(url, bounded.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // Not listening yet, or too slow this time: ask again until the overall deadline.
            }

            using var pause = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await pause.Token.WhenCanceled();
        }

        return false;
    }
}

internal static class CancellationTokenExtensions
{
    public static Task WhenCanceled(this CancellationToken token)
    {
        var completion = new TaskCompletionSource();
        token.Register(() => completion.TrySetResult());
        return completion.Task;
    }
}

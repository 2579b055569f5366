using System.Diagnostics;
using System.Net;

namespace KyodoBot.IntegrationTests.Process;

/// <summary>The harness that starts processes for the tests: patient with a slow bot, and never leaves one running.</summary>
public sealed class ProcessHarnessTests
{
    [Fact]
    public async Task Readiness_AnAnswerSlowerThanOneAttempt_IsAskedAgain_UntilReady()
    {
        var port = BotProcess.FreePort();
        using var server = new HttpListener();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var requests = 0;
        var secondRequest = new TaskCompletionSource();
        var serving = Task.Run(async () =>
        {
            while (server.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await server.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                if (Interlocked.Increment(ref requests) == 1)
                {
                    // The first answer comes only after the prober has given up on it and asked again: a busy machine.
                    _ = secondRequest.Task.ContinueWith(_ => Answer(context, 503), TaskScheduler.Default);
                }
                else
                {
                    secondRequest.TrySetResult();
                    Answer(context, 200);
                }
            }
        });

        var ready = await Readiness.WaitAsync(new Uri($"http://127.0.0.1:{port}/readyz"), () => false, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300));

        server.Stop();
        await serving;
        Assert.True(ready);
        Assert.True(requests >= 2);
    }

    [Fact]
    public async Task StartReady_WhenTheBotIsNotReadyInTime_StopsItBeforeFailing()
    {
        var pid = 0;

        await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() =>
            BotProcess.StartReadyAsync(new Dictionary<string, string?>(), TimeSpan.Zero, Directory.CreateTempSubdirectory("kyodobot-harness-").FullName, id => pid = id));

        Assert.NotEqual(0, pid);
        Assert.False(IsRunning(pid), $"process {pid} is still running");
    }

    [Fact]
    public async Task ChildProcess_PastItsTimeout_IsStoppedWithWhatItStarted()
    {
        var start = new ProcessStartInfo("bash", ["-c", "sleep 300 & echo $!; wait"]);
        var shell = 0;

        var (exitCode, output) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(2), id => shell = id);

        Assert.Null(exitCode);
        var sleeper = int.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(IsRunning(shell), $"bash {shell} is still running");
        Assert.False(IsRunning(sleeper), $"its child {sleeper} is still running");
    }

    private static void Answer(HttpListenerContext context, int status)
    {
        try
        {
            context.Response.StatusCode = status;
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The prober had already given up on this request.
        }
    }

    /// <summary>Alive and not a zombie waiting to be reaped (in a container, PID 1 may never reap an orphan).</summary>
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

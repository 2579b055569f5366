using System.Diagnostics;

namespace KyodoBot.IntegrationTests.Process;

/// <summary>A helper process (node, npm …) run to its end, or stopped with everything it started: never left behind.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="start"/>; after <paramref name="timeout"/>, or if the caller gives up, kills its whole tree.</summary>
    public static async Task<(int? ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout, Action<int>? started = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = System.Diagnostics.Process.Start(start)!;
        started?.Invoke(process.Id);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, await output + "\n" + await errors);
        }
        catch (OperationCanceledException)
        {
            Stop(process);
            return (null, $"{start.FileName} did not finish within {timeout.TotalSeconds:0} s and was stopped.\n{await output}\n{await errors}");
        }
        finally
        {
            Stop(process);
        }
    }

    private static void Stop(System.Diagnostics.Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                // The tree: node scripts start the Playground (its own process group, still node's child).
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}

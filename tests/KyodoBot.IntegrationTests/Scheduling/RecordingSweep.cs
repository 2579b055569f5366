using System.Collections.Concurrent;
using KyodoBot.Core.Evaluations;

namespace KyodoBot.IntegrationTests.Scheduling;

/// <summary>One call of the sweep: which host ran it, when it started and ended.</summary>
public sealed record SweepRun(string Host, DateTimeOffset AsOf, DateTimeOffset Started, DateTimeOffset Ended);

/// <summary>
/// What every host of a test shares: the runs of the sweep in the order they ended, and the largest number of sweeps
/// that were in flight at once (anywhere).
/// </summary>
public sealed class SweepLog
{
    private readonly ConcurrentQueue<SweepRun> _runs = new();
    private readonly SemaphoreSlim _changed = new(0);
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>
    /// How long a test waits for the runs it expects. It returns as soon as they are there; the bound is for a machine
    /// under load (CI on two cores beside other builds missed a 1-second sweep within 10 s once), not a timing claim.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public IReadOnlyList<SweepRun> Runs => [.. _runs];
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    internal void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }
    }

    internal void Exit(SweepRun run)
    {
        Interlocked.Decrement(ref _inFlight);
        _runs.Enqueue(run);
        _changed.Release();
    }

    /// <summary>Waits (bounded) until <paramref name="done"/> holds for the runs so far; returns them either way.</summary>
    public async Task<IReadOnlyList<SweepRun>> WaitForAsync(Func<IReadOnlyList<SweepRun>, bool> done, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!done(Runs))
        {
            try
            {
                await _changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return Runs;
    }
}

/// <summary>A sweep that records each call in the shared <see cref="SweepLog"/>, optionally taking a while to finish.</summary>
public sealed class RecordingSweep(string host, SweepLog log, TimeSpan duration) : IReminderSweep
{
    public async Task<SweepResult> RunAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        log.Enter();
        var started = DateTimeOffset.UtcNow;
        try
        {
            if (duration > TimeSpan.Zero)
            {
                // Stands for the work of a real sweep: a second sweep started meanwhile would overlap this one.
                await Task.Delay(duration, CancellationToken.None);
            }
        }
        finally
        {
            log.Exit(new SweepRun(host, asOf, started, DateTimeOffset.UtcNow));
        }

        return SweepResult.Empty;
    }
}

using System.Net;
using KyodoBot.Bot.Throttling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KyodoBot.Tests.Throttling;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows every timer created on it (each <c>Task.Delay</c>), so a test can move
/// time exactly to the next deadline instead of guessing steps — and can read which waits were asked for.
/// <see cref="Step"/> advances with no synchronization context on the thread, so the code a timer wakes (which
/// continues with <c>ConfigureAwait(false)</c>) runs inline, at the timer's own time, before the next deadline is
/// chosen; under xUnit's context it would be queued to the thread pool and race with the clock.
/// </summary>
public sealed class ManualClock : FakeTimeProvider
{
    private readonly List<DateTimeOffset> _deadlines = [];
    private readonly SemaphoreSlim _timerCreated = new(0);

    public List<TimeSpan> RequestedDelays { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_deadlines)
        {
            RequestedDelays.Add(dueTime);
            _deadlines.Add(GetUtcNow() + dueTime);
        }

        _timerCreated.Release();
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Moves time on; whatever that wakes has run (up to its next wait) when this returns.</summary>
    public void Step(TimeSpan by)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            Advance(by);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <summary>Runs <paramref name="work"/> to completion, jumping the clock to the earliest deadline it waits for.</summary>
    public async Task<T> RunAsync<T>(Task<T> work)
    {
        while (!work.IsCompleted)
        {
            DateTimeOffset? next = null;
            lock (_deadlines)
            {
                if (_deadlines.Count > 0)
                {
                    next = _deadlines.Min();
                    _deadlines.Remove(next.Value);
                }
            }

            if (next is { } due)
            {
                if (due > GetUtcNow())
                {
                    Step(due - GetUtcNow());
                }

                continue;
            }

            // Nothing scheduled yet: wait for the work to finish or to set a timer. The real-time bound only turns a
            // hang into a failure; no test waits for real time to pass.
            await Task.WhenAny(work, _timerCreated.WaitAsync()).WaitAsync(TimeSpan.FromSeconds(10));
        }

        return await work;
    }
}

/// <summary>One request as the connector behind the handler saw it.</summary>
public sealed record SentRequest(DateTimeOffset At, HttpRequestMessage Request, string Body, string? ContentType);

/// <summary>Stands in for the network below the handler: answers from a script and records every request and when it came.</summary>
public sealed class ScriptedConnector(TimeProvider time, Func<SentRequest, int, HttpResponseMessage>? answer = null) : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _script = new();

    public List<SentRequest> Sent { get; } = [];

    /// <summary>How long each answer takes, on the test's clock.</summary>
    public TimeSpan Latency { get; set; }

    public ScriptedConnector Then(HttpStatusCode status, Action<HttpResponseMessage>? shape = null)
    {
        _script.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent($$"""{"status":{{(int)status}}}""") };
            shape?.Invoke(response);
            return response;
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        SentRequest sent;
        int index;
        lock (Sent)
        {
            sent = new SentRequest(time.GetUtcNow(), request, body, request.Content?.Headers.ContentType?.ToString());
            Sent.Add(sent);
            index = Sent.Count - 1;
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, time, cancellationToken).ConfigureAwait(false);
        }

        HttpResponseMessage response;
        if (answer is not null)
        {
            response = answer(sent, index);
        }
        else
        {
            lock (_script)
            {
                response = _script.Count > 0 ? _script.Dequeue()() : new HttpResponseMessage(HttpStatusCode.OK);
            }
        }

        response.RequestMessage = request;
        return response;
    }
}

public static class Throttle
{
    /// <summary>Just below 1: the largest jittered delay, so that backoff steps can be asserted.</summary>
    public const double AlmostOne = 1 - 1e-9;

    public static RateLimitOptions Options(int maxAttempts = 5, int baseDelayMs = 500, int maxDelaySeconds = 30, int safetyMarginMs = 50) => new()
    {
        MaxAttempts = maxAttempts,
        BaseDelayMs = baseDelayMs,
        MaxDelaySeconds = maxDelaySeconds,
        SafetyMarginMs = safetyMarginMs,
    };

    public static (HttpMessageInvoker Client, ScriptedConnector Connector, TeamsRateLimiter Limiter) Handler(
        ManualClock clock, RateLimitOptions? options = null, Func<double>? random = null, ScriptedConnector? connector = null,
        int lagSamplesNeeded = ArrivalLagMeter.MinSamples)
    {
        options ??= Options();
        connector ??= new ScriptedConnector(clock);
        var limiter = new TeamsRateLimiter(options, clock, lagSamplesNeeded);
        var handler = new ConnectorThrottlingHandler(
            limiter,
            new ConnectorRetryPolicy(options, clock, random ?? (() => AlmostOne)),
            clock,
            NullLogger<ConnectorThrottlingHandler>.Instance)
        {
            InnerHandler = connector,
        };
        return (new HttpMessageInvoker(handler), connector, limiter);
    }

    public static HttpRequestMessage Post(string url, string json = """{"type":"message","text":"こんにちは"}""") => new(HttpMethod.Post, url)
    {
        Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
    };
}

/// <summary>Requests through a <see cref="TeamsRateLimiter"/> on a <see cref="ManualClock"/>, as the connector handler makes them.</summary>
public static class Load
{
    /// <param name="At">When the caller asks for a permit, from the start.</param>
    /// <param name="Latency">From the grant to the response.</param>
    /// <param name="Wire">From the grant to the flush of its bytes (null: the limiter is never told).</param>
    public sealed record Request(
        string Thread, TimeSpan At = default, TimeSpan Latency = default, TimeSpan? Wire = null, ConnectorPriority Priority = ConnectorPriority.Background);

    /// <summary>When the permit came, and the latest instant the limiter allowed the request to arrive at the server.</summary>
    public sealed record Grant(Request Request, TimeSpan GrantedAt, TimeSpan LatestArrival);

    /// <summary>Runs every request to its response; the grants in the order of <paramref name="requests"/>.</summary>
    public static async Task<Grant[]> RunAsync(ManualClock clock, TeamsRateLimiter limiter, IEnumerable<Request> requests, int allowanceMs = 30)
    {
        var start = clock.GetUtcNow();
        var allowance = TimeSpan.FromMilliseconds(allowanceMs);
        var tasks = requests.Select(One).ToList();
        return await clock.RunAsync(Task.WhenAll(tasks));

        async Task<Grant> One(Request request)
        {
            var wait = request.At - (clock.GetUtcNow() - start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock).ConfigureAwait(false);
            }

            var permit = await limiter.AcquireAsync(request.Thread, request.Priority, CancellationToken.None).ConfigureAwait(false);
            var grantedAt = clock.GetUtcNow() - start;
            var latest = grantedAt + request.Latency;
            var elapsed = TimeSpan.Zero;
            if (request.Wire is { } wire)
            {
                if (wire > TimeSpan.Zero)
                {
                    await Task.Delay(wire, clock).ConfigureAwait(false);
                }

                permit.OnWire();
                elapsed = wire;
                latest = grantedAt + wire + allowance < latest ? grantedAt + wire + allowance : latest;
            }

            if (request.Latency - elapsed > TimeSpan.Zero)
            {
                await Task.Delay(request.Latency - elapsed, clock).ConfigureAwait(false);
            }

            permit.OnResponse();
            permit.Dispose();
            return new Grant(request, grantedAt, latest);
        }
    }
}

/// <summary>Teams' windows, checked over a list of instants (grants, or arrivals as the server saw them).</summary>
public static class TeamsWindows
{
    /// <summary>
    /// Checks every sliding window, not only aligned ones: the fullest window of length W ends at some slot, so
    /// counting the slots in (s − W, s] for every slot s covers them all. The windows are Teams' own, lengthened by
    /// <paramref name="margin"/> (zero: exactly what the server enforces).
    /// </summary>
    public static void AssertWithin(List<(string Thread, TimeSpan Slot)> slots, TimeSpan margin)
    {
        var all = slots.Select(s => s.Slot).Order().ToList();
        AssertWindow(all, 50, TimeSpan.FromSeconds(1) + margin, "tenant");
        foreach (var thread in slots.GroupBy(s => s.Thread))
        {
            var times = thread.Select(s => s.Slot).Order().ToList();
            AssertWindow(times, 7, TimeSpan.FromSeconds(1) + margin, thread.Key);
            AssertWindow(times, 8, TimeSpan.FromSeconds(2) + margin, thread.Key);
            AssertWindow(times, 60, TimeSpan.FromSeconds(30) + margin, thread.Key);
        }
    }

    private static void AssertWindow(List<TimeSpan> sorted, int limit, TimeSpan window, string what)
    {
        var start = 0;
        for (var end = 0; end < sorted.Count; end++)
        {
            while (sorted[start] <= sorted[end] - window)
            {
                start++;
            }

            // Slots equal to sorted[end] further on belong to the same window; they are counted when end reaches them.
            var inWindow = end - start + 1;
            Assert.True(inWindow <= limit, $"{what}: {inWindow} requests in the {window.TotalSeconds} s ending at {sorted[end]} (limit {limit})");
        }
    }
}

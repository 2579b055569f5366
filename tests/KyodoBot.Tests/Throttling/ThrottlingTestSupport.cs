using System.Net;
using System.Threading.Channels;
using KyodoBot.Bot.Throttling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KyodoBot.Tests.Throttling;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it (each <c>Task.Delay</c>), so a test can
/// move time exactly to the next deadline instead of guessing steps — and can read which waits were asked for.
/// </summary>
public sealed class ManualClock : FakeTimeProvider
{
    private readonly Channel<DateTimeOffset> _deadlines = Channel.CreateUnbounded<DateTimeOffset>();

    public List<TimeSpan> RequestedDelays { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (RequestedDelays)
        {
            RequestedDelays.Add(dueTime);
        }

        _deadlines.Writer.TryWrite(GetUtcNow() + dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Runs <paramref name="work"/> to completion, jumping the clock to each deadline it waits for.</summary>
    public async Task<T> RunAsync<T>(Task<T> work)
    {
        while (true)
        {
            var deadline = _deadlines.Reader.ReadAsync().AsTask();
            // The real-time bound only turns a hang into a failure; nothing here waits for real time to pass.
            var first = await Task.WhenAny(work, deadline).WaitAsync(TimeSpan.FromSeconds(10));
            if (first == work)
            {
                return await work;
            }

            var due = await deadline;
            if (due > GetUtcNow())
            {
                Advance(due - GetUtcNow());
            }
        }
    }
}

/// <summary>One request as the connector behind the handler saw it.</summary>
public sealed record SentRequest(DateTimeOffset At, HttpRequestMessage Request, string Body, string? ContentType);

/// <summary>Stands in for the network below the handler: answers from a script and records every request and when it came.</summary>
public sealed class ScriptedConnector(TimeProvider time, Func<SentRequest, int, HttpResponseMessage>? answer = null) : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _script = new();

    public List<SentRequest> Sent { get; } = [];

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
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        SentRequest sent;
        int index;
        lock (Sent)
        {
            sent = new SentRequest(time.GetUtcNow(), request, body, request.Content?.Headers.ContentType?.ToString());
            Sent.Add(sent);
            index = Sent.Count - 1;
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
        ManualClock clock, RateLimitOptions? options = null, Func<double>? random = null, ScriptedConnector? connector = null)
    {
        options ??= Options();
        connector ??= new ScriptedConnector(clock);
        var limiter = new TeamsRateLimiter(options, clock);
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

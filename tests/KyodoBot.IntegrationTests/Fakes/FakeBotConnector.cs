using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace KyodoBot.IntegrationTests.Fakes;

/// <summary>
/// One request the bot made to the connector. <paramref name="ConversationId"/> is the thread the request counts
/// against (for "create conversation" the channel id from channelData); <paramref name="Status"/> is what the fake
/// answered (429 for a rate-limit violation or a scripted fault); <paramref name="ReceivedAt"/> is the arrival time,
/// measured from the fake's start.
/// </summary>
public sealed record ConnectorCall(
    string Method, string Path, string ConversationId, string? ActivityId, JsonObject Body, int Status = 200, TimeSpan ReceivedAt = default)
{
    public bool Accepted => Status is >= 200 and < 300;
}

/// <summary>At most <paramref name="Count"/> requests in any window of length <paramref name="Window"/>.</summary>
public sealed record ConnectorLimit(int Count, TimeSpan Window)
{
    public static readonly ConnectorLimit[] TeamsPerThread =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
    ];

    public static readonly ConnectorLimit TeamsPerTenant = new(50, TimeSpan.FromSeconds(1));
}

/// <summary>
/// A local stand-in for the Bot Connector service and its token issuer, over HTTPS: serves the OpenID configuration
/// and JWKS (a test key endorsed for msteams), mints channel tokens, and records what the bot posts.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.test";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _signingKey;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];
    private readonly Dictionary<string, List<TimeSpan>> _arrivalsByThread = [];
    private readonly List<TimeSpan> _arrivals = [];
    private readonly List<string> _violations = [];
    private ConnectorLimit[]? _perThread;
    private ConnectorLimit? _perTenant;
    private int _sequence = 1000;

    private FakeBotConnector(WebApplication app, RsaSecurityKey signingKey)
    {
        _app = app;
        _signingKey = signingKey;
    }

    public string BaseUrl { get; private set; } = "";
    /// <summary>What activities carry as serviceUrl.</summary>
    public string ServiceUrl => BaseUrl + "/";
    public string OpenIdMetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";
    public IReadOnlyCollection<ConnectorCall> Calls => _calls;

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> that <see cref="ConnectorCall.ReceivedAt"/> counts from.</summary>
    public long ClockOrigin => Stopwatch.GetTimestamp() - _clock.ElapsedTicks;

    /// <summary>How long the fake waits before it answers a connector request (server latency); zero by default.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Requests that arrived while a window was already full (each was answered 429 with Retry-After: 1).</summary>
    public int Violations
    {
        get
        {
            lock (_gate)
            {
                return _violations.Count;
            }
        }
    }

    /// <summary>What each violation broke, e.g. "thread 19:a@thread.tacv2: 8th request in 1s".</summary>
    public IReadOnlyList<string> ViolationDetails
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>
    /// Re-checks every recorded request against the enforced limits after the fact, in arrival order: the number of
    /// requests that arrived while some window already held its maximum. Unlike <see cref="Violations"/> this cannot
    /// miss a violation because two requests were processed in a different order than they arrived.
    /// </summary>
    public int WindowViolations()
    {
        ConnectorLimit[] perThread;
        ConnectorLimit perTenant;
        lock (_gate)
        {
            if (_perThread is null || _perTenant is null)
            {
                return 0;
            }

            (perThread, perTenant) = (_perThread, _perTenant);
        }

        var calls = _calls.OrderBy(c => c.ReceivedAt).ToList();
        var violations = 0;
        for (var i = 0; i < calls.Count; i++)
        {
            var at = calls[i].ReceivedAt;
            var earlier = calls.Take(i);
            var broken = earlier.Count(c => c.ReceivedAt > at - perTenant.Window) >= perTenant.Count
                || perThread.Any(limit => earlier.Count(c => c.ConversationId == calls[i].ConversationId && c.ReceivedAt > at - limit.Window) >= limit.Count);
            violations += broken ? 1 : 0;
        }

        return violations;
    }

    /// <summary>
    /// Enforces Teams' limits with exact sliding windows: every request to /v3/conversations counts (rejected ones
    /// too, as a strict server would count them), per thread and all together; a request that finds a window already
    /// full is answered 429 with <c>Retry-After: 1</c> and counted in <see cref="Violations"/>.
    /// </summary>
    public void EnforceTeamsLimits(IReadOnlyList<ConnectorLimit>? perThread = null, ConnectorLimit? perTenant = null)
    {
        lock (_gate)
        {
            _perThread = [.. perThread ?? ConnectorLimit.TeamsPerThread];
            _perTenant = perTenant ?? ConnectorLimit.TeamsPerTenant;
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> connector requests matching <paramref name="when"/> are answered with
    /// <paramref name="status"/> (and <c>Retry-After</c> in whole seconds when given, and a Bot Framework error body
    /// with <paramref name="errorCode"/>). Faults are tried in the order they were added.
    /// </summary>
    public void Fail(Func<ConnectorCall, bool> when, HttpStatusCode status, TimeSpan? retryAfter = null, int times = 1, string? errorCode = null)
    {
        lock (_gate)
        {
            _faults.Add(new Fault(when, (int)status, retryAfter, times, errorCode));
        }
    }

    /// <summary>Forgets every call, arrival and violation so far (after a warm-up).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _calls.Clear();
            _arrivals.Clear();
            _arrivalsByThread.Clear();
            _violations.Clear();
        }
    }

    /// <summary>Accepted (2xx) POSTs per conversation; for "create conversation" the key is the channel id.</summary>
    public IReadOnlyDictionary<string, int> AcceptedPostsByConversation() =>
        _calls.Where(c => c.Method == "POST" && c.Accepted)
            .GroupBy(c => c.ConversationId)
            .ToDictionary(g => g.Key, g => g.Count());

    /// <param name="inlineScheduling">
    /// Run requests on the socket threads rather than the thread pool, so that a request's arrival is stamped when it
    /// comes off the wire even when the process's thread pool is saturated (a benchmark that hosts the bot, its load
    /// and this fake in one process would otherwise stamp arrivals late, as no real connector does).
    /// </param>
    public static async Task<FakeBotConnector> StartAsync(bool inlineScheduling = false)
    {
        var signingKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "kyodobot-test-key" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (inlineScheduling)
        {
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        }

        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(TestCertificate.Certificate)));
        var app = builder.Build();
        var connector = new FakeBotConnector(app, signingKey);
        connector.MapRoutes();
        await app.StartAsync();
        connector.BaseUrl = app.Urls.Single().Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/');
        return connector;
    }

    /// <summary>A channel token as Teams would send it; every parameter can be spoiled to test a rejection.</summary>
    public string MintToken(string audience, string? serviceUrl = null, string issuer = Issuer, DateTime? expires = null, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddMinutes(30);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = expiry < now ? expiry.AddMinutes(-60) : now.AddMinutes(-1),
            IssuedAt = expiry < now ? expiry.AddMinutes(-60) : now.AddMinutes(-1),
            Expires = expiry,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl ?? ServiceUrl)]),
            SigningCredentials = new SigningCredentials(key ?? _signingKey, SecurityAlgorithms.RsaSha256),
        };
        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.WriteToken(handler.CreateToken(descriptor));
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> calls satisfy <paramref name="predicate"/>.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForAsync(Func<ConnectorCall, bool> predicate, int count = 1, int timeoutSeconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            var matching = _calls.Where(predicate).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            try
            {
                await _arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} matching connector call(s), saw {matching.Count}: " +
                    string.Join(", ", _calls.Select(c => $"{c.Method} {c.Path}")));
            }
        }
    }

    private void MapRoutes()
    {
        _app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new
        {
            issuer = Issuer,
            authorization_endpoint = BaseUrl + "/invalid",
            jwks_uri = BaseUrl + "/v1/.well-known/keys",
            id_token_signing_alg_values_supported = new[] { "RS256" },
            token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
        }));
        _app.MapGet("/v1/.well-known/keys", () =>
        {
            var parameters = _signingKey.Rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new
                    {
                        kty = "RSA",
                        use = "sig",
                        kid = _signingKey.KeyId,
                        n = Base64UrlEncoder.Encode(parameters.Modulus),
                        e = Base64UrlEncoder.Encode(parameters.Exponent),
                        endorsements = new[] { "msteams" },
                    },
                },
            });
        });

        // Create conversation: TeamsInfo.SendMessageToTeamsChannelAsync starts a new channel thread this way.
        _app.MapPost("/v3/conversations", async (HttpContext http) =>
        {
            var receivedAt = _clock.Elapsed;
            var body = await ReadAsync(http);
            var channelId = body["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? "unknown";
            var activityId = NextId();
            return await RespondAsync(http, new ConnectorCall("POST", http.Request.Path, channelId, activityId, body, ReceivedAt: receivedAt),
                () => Results.Json(new { id = $"{channelId};messageid={activityId}", activityId, serviceUrl = ServiceUrl }));
        });
        _app.MapPost("/v3/conversations/{conversationId}/activities", async (HttpContext http, string conversationId) =>
            await RecordActivityAsync(http, "POST", conversationId, null));
        _app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", async (HttpContext http, string conversationId, string activityId) =>
            await RecordActivityAsync(http, "POST", conversationId, activityId));
        _app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", async (HttpContext http, string conversationId, string activityId) =>
            await RecordActivityAsync(http, "PUT", conversationId, activityId));
    }

    private async Task<IResult> RecordActivityAsync(HttpContext http, string method, string conversationId, string? activityId)
    {
        var receivedAt = _clock.Elapsed;
        var body = await ReadAsync(http);
        var id = method == "PUT" ? activityId! : NextId();
        var call = new ConnectorCall(method, http.Request.Path, Uri.UnescapeDataString(conversationId), activityId, body, ReceivedAt: receivedAt);
        return await RespondAsync(http, call, () => Results.Json(new { id }));
    }

    private string NextId() => Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    /// <summary>Counts the request against the limits, applies a matching scripted fault, else answers with <paramref name="success"/>.</summary>
    private async Task<IResult> RespondAsync(HttpContext http, ConnectorCall call, Func<IResult> success)
    {
        int status;
        TimeSpan? retryAfter;
        string? errorCode;
        lock (_gate)
        {
            (status, retryAfter, errorCode) = CountAgainstLimits(call) ?? TakeFault(call) ?? (200, null, null);
        }

        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay);
        }

        Record(call with { Status = status });
        if (status == 200)
        {
            return success();
        }

        if (retryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var code = errorCode ?? (status == 429 ? "TooManyRequests" : "ServiceError");
        return Results.Json(new { error = new { code, message = $"Fake connector answered {status}." } }, statusCode: status);
    }

    private (int, TimeSpan?, string?)? CountAgainstLimits(ConnectorCall call)
    {
        if (_perTenant is null || _perThread is null)
        {
            return null;
        }

        if (!_arrivalsByThread.TryGetValue(call.ConversationId, out var thread))
        {
            _arrivalsByThread[call.ConversationId] = thread = [];
        }

        string? broken = null;
        if (CountInWindow(_arrivals, call.ReceivedAt, _perTenant.Window) >= _perTenant.Count)
        {
            broken = $"tenant: request {_perTenant.Count + 1} in {_perTenant.Window.TotalSeconds}s";
        }

        foreach (var limit in _perThread)
        {
            if (broken is null && CountInWindow(thread, call.ReceivedAt, limit.Window) >= limit.Count)
            {
                broken = $"thread {call.ConversationId}: request {limit.Count + 1} in {limit.Window.TotalSeconds}s";
            }
        }

        _arrivals.Add(call.ReceivedAt);
        thread.Add(call.ReceivedAt);
        if (broken is null)
        {
            return null;
        }

        _violations.Add(broken);
        return (429, TimeSpan.FromSeconds(1), "TooManyRequests");
    }

    /// <summary>Arrivals in (at - window, at]: requests arrive out of order across connections, so no list is sorted.</summary>
    private static int CountInWindow(List<TimeSpan> arrivals, TimeSpan at, TimeSpan window) =>
        arrivals.Count(t => t > at - window && t <= at);

    private (int, TimeSpan?, string?)? TakeFault(ConnectorCall call)
    {
        foreach (var fault in _faults)
        {
            if (fault.Remaining > 0 && fault.When(call))
            {
                fault.Remaining--;
                return (fault.Status, fault.RetryAfter, fault.ErrorCode);
            }
        }

        return null;
    }

    private void Record(ConnectorCall call)
    {
        _calls.Enqueue(call);
        _arrived.Release();
    }

    private sealed class Fault(Func<ConnectorCall, bool> when, int status, TimeSpan? retryAfter, int times, string? errorCode)
    {
        public Func<ConnectorCall, bool> When { get; } = when;
        public int Status { get; } = status;
        public TimeSpan? RetryAfter { get; } = retryAfter;
        public string? ErrorCode { get; } = errorCode;
        public int Remaining { get; set; } = times;
    }

    private static async Task<JsonObject> ReadAsync(HttpContext http) =>
        (await JsonNode.ParseAsync(http.Request.Body))?.AsObject() ?? [];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

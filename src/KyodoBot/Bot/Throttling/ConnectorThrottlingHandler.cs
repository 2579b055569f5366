using System.Net;
using System.Text.Json;

namespace KyodoBot.Bot.Throttling;

/// <summary>
/// The outgoing edge to the Bot Connector: every request to <c>…/v3/conversations…</c> first waits for a permit
/// from the process-wide <see cref="TeamsRateLimiter"/> (each attempt counts, as it does at the server), tells it
/// when the request's bytes are on the wire and when its response is in, and a throttled or transiently failed one is retried by
/// <see cref="ConnectorRetryPolicy"/>. The last response is returned as it came, so the SDK still throws its
/// <c>ErrorResponseException</c> for it. Everything else through the same client (OpenID metadata, keys, tokens)
/// passes untouched.
/// <para>
/// The service URL may carry a path (<c>https://smba.trafficmanager.net/amer/</c>, the Playground's
/// <c>/_connector</c>), so a connector request is recognised by the <c>/v3/conversations</c> segments anywhere in
/// its path, not only at its start.
/// </para>
/// <para>
/// Not retried: network failures and timeouts (an exception, not a response). The connector's POSTs are not
/// idempotent, and a request that may have arrived must not post a card twice.
/// </para>
/// </summary>
public sealed partial class ConnectorThrottlingHandler(
    TeamsRateLimiter limiter,
    ConnectorRetryPolicy policy,
    TimeProvider time,
    ILogger<ConnectorThrottlingHandler> logger) : DelegatingHandler
{
    private const string ConversationsSegment = "/v3/conversations";

    /// <summary>The key shared by connector calls that name no conversation (list conversations, a create without a channel).</summary>
    internal const string UnknownThread = "(conversations)";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (ConversationsRoute(request.RequestUri) is not { } route)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // Buffered once: the thread of a "create conversation" is in the body, and every retry resends the same bytes.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var thread = ThreadOf(route, body);
        var contentHeaders = request.Content?.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).ToList();

        for (var attempt = 1; ; attempt++)
        {
            var attemptRequest = attempt == 1 ? request : Copy(request);
            HttpResponseMessage response;
            using (var permit = await limiter.AcquireAsync(thread, cancellationToken).ConfigureAwait(false))
            {
                if (body is not null)
                {
                    attemptRequest.Content = new SignallingContent(body, contentHeaders!, permit);
                }

                // The response measures the round trip; disposed also on a failure: the request arrived by then at the latest.
                response = await base.SendAsync(attemptRequest, cancellationToken).ConfigureAwait(false);
                permit.OnResponse();
            }

            var delay = policy.DelayBeforeRetry(response, attempt);
            if (delay is null)
            {
                if (ConnectorRetryPolicy.IsTransient(response.StatusCode))
                {
                    LogGaveUp(logger, request.Method, route, (int)response.StatusCode, attempt);
                }

                return response;
            }

            LogRetry(logger, request.Method, route, (int)response.StatusCode, attempt, policy.MaxAttempts, (long)delay.Value.TotalMilliseconds);
            response.Dispose();
            if (!ReferenceEquals(attemptRequest, request))
            {
                attemptRequest.Dispose();
            }

            if (delay.Value > TimeSpan.Zero)
            {
                await Task.Delay(delay.Value, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The path from <c>/v3/conversations</c> on, or null when this is not a connector request.</summary>
    internal static string? ConversationsRoute(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return null;
        }

        var path = uri.AbsolutePath;
        for (var at = path.IndexOf(ConversationsSegment, StringComparison.OrdinalIgnoreCase);
             at >= 0;
             at = path.IndexOf(ConversationsSegment, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + ConversationsSegment.Length;
            if (end == path.Length || path[end] == '/')
            {
                return path[at..];
            }
        }

        return null;
    }

    /// <summary>
    /// The thread a connector request counts against: the conversation in its path; for "create conversation"
    /// (POST /v3/conversations, how <c>TeamsInfo.SendMessageToTeamsChannelAsync</c> starts a channel thread) the
    /// channel in its body's <c>channelData.channel.id</c>, else its first member (a new 1:1 chat).
    /// </summary>
    internal static string ThreadOf(string route, byte[]? body)
    {
        var rest = route[ConversationsSegment.Length..].Trim('/');
        if (rest.Length > 0)
        {
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            return Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
        }

        return body is { Length: > 0 } ? ThreadOfNewConversation(body) : UnknownThread;
    }

    private static string ThreadOfNewConversation(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("channelData", out var channelData) && channelData.ValueKind == JsonValueKind.Object
                && channelData.TryGetProperty("channel", out var channel) && channel.ValueKind == JsonValueKind.Object
                && channel.TryGetProperty("id", out var channelId) && channelId.ValueKind == JsonValueKind.String)
            {
                return channelId.GetString()!;
            }

            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array && members.GetArrayLength() > 0
                && members[0].ValueKind == JsonValueKind.Object
                && members[0].TryGetProperty("id", out var memberId) && memberId.ValueKind == JsonValueKind.String)
            {
                return "member:" + memberId.GetString();
            }
        }
        catch (JsonException)
        {
            // Not ours to judge: the connector will answer it; it still counts against the tenant.
        }

        return UnknownThread;
    }

    /// <summary>A fresh message for a retry: the same method, URI, headers and options; the body is set per attempt.</summary>
    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        foreach (var (key, value) in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[key] = value;
        }

        return copy;
    }

    /// <summary>
    /// The buffered body, which tells the permit when it has been flushed to the connection: from then on the request
    /// reaches the connector within the arrival allowance, however long the connection took to open.
    /// </summary>
    private sealed class SignallingContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly TeamsRateLimiter.Permit _permit;

        public SignallingContent(byte[] body, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, TeamsRateLimiter.Permit permit)
        {
            _body = body;
            _permit = permit;
            foreach (var (name, values) in headers)
            {
                Headers.TryAddWithoutValidation(name, values);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(_body, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            _permit.OnWire();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Connector answered {Status} to {Method} {Route} (attempt {Attempt} of {MaxAttempts}); retrying in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, HttpMethod method, string route, int status, int attempt, int maxAttempts, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Connector answered {Status} to {Method} {Route} after {Attempts} attempt(s); not retrying (attempts used up or Retry-After beyond the cap)")]
    private static partial void LogGaveUp(ILogger logger, HttpMethod method, string route, int status, int attempts);
}

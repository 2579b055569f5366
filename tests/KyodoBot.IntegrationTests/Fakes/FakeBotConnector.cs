using System.Collections.Concurrent;
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

/// <summary>One request the bot made to the connector.</summary>
public sealed record ConnectorCall(string Method, string Path, string ConversationId, string? ActivityId, JsonObject Body);

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

    /// <summary>When set, every post and update is refused with this status (403 = the bot was removed from the team).</summary>
    public HttpStatusCode? RefuseWith { get; set; }

    public static async Task<FakeBotConnector> StartAsync()
    {
        var signingKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "kyodobot-test-key" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
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
            if (RefuseWith is { } status)
            {
                return Refusal(status);
            }

            var body = await ReadAsync(http);
            var channelId = body["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? "unknown";
            var activityId = Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Record("POST", http.Request.Path, channelId, activityId, body);
            return Results.Json(new { id = $"{channelId};messageid={activityId}", activityId, serviceUrl = ServiceUrl });
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
        if (RefuseWith is { } status)
        {
            return Refusal(status);
        }

        var body = await ReadAsync(http);
        var id = method == "PUT" ? activityId! : Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Record(method, http.Request.Path, Uri.UnescapeDataString(conversationId), activityId, body);
        return Results.Json(new { id });
    }

    /// <summary>The connector's error body, as Teams sends it.</summary>
    private static IResult Refusal(HttpStatusCode status) => Results.Json(
        new { error = new { code = status == HttpStatusCode.Forbidden ? "MessageWritesBlocked" : "ServiceError", message = "refused by the fake connector" } },
        statusCode: (int)status);

    private void Record(string method, string path, string conversationId, string? activityId, JsonObject body)
    {
        _calls.Enqueue(new ConnectorCall(method, path, conversationId, activityId, body));
        _arrived.Release();
    }

    private static async Task<JsonObject> ReadAsync(HttpContext http) =>
        (await JsonNode.ParseAsync(http.Request.Body))?.AsObject() ?? [];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

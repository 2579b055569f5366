using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KyodoBot.IntegrationTests.Grounding;

/// <summary>One chat completions request as the fake received it.</summary>
public sealed record ChatCompletionsCall(string Path, string Query, string? ApiKey, JsonObject Body)
{
    /// <summary>The text of each message in order (content may be a string or a list of text parts).</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
        Body["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), ContentText(m["content"]))).ToList();

    private static string ContentText(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => "",
    };
}

/// <summary>
/// A local stand-in for an Azure OpenAI resource: serves <c>POST /openai/deployments/{deployment}/chat/completions</c>
/// over HTTPS with the integration tests' certificate (the Azure client is only ever configured with an https
/// endpoint), records each request and answers as told: a canned completion, an HTTP error, or nothing at all.
/// </summary>
public sealed class FakeAzureOpenAI : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ChatCompletionsCall> _calls = new();
    private readonly CancellationTokenSource _stopping = new();
    private Func<HttpContext, Task<IResult>> _respond = _ => Task.FromResult(Results.StatusCode(500));

    private FakeAzureOpenAI(WebApplication app)
    {
        _app = app;
    }

    public string Endpoint { get; private set; } = "";
    public IReadOnlyCollection<ChatCompletionsCall> Calls => _calls;

    public static async Task<FakeAzureOpenAI> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(TestCertificate.Certificate)));
        var app = builder.Build();
        var fake = new FakeAzureOpenAI(app);
        app.MapPost("/openai/deployments/{deployment}/chat/completions", fake.HandleAsync);
        await app.StartAsync();
        fake.Endpoint = app.Urls.Single().Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/') + "/";
        return fake;
    }

    /// <summary>Answer with a chat.completion whose assistant message is <paramref name="content"/>.</summary>
    public void RepliesWith(string content) => _respond = _ => Task.FromResult(Results.Json(new JsonObject
    {
        ["id"] = "chatcmpl-kyodo-test",
        ["object"] = "chat.completion",
        ["created"] = 1764400000,
        ["model"] = "gpt-4o-mini-2024-07-18",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 420, ["completion_tokens"] = 60, ["total_tokens"] = 480 },
    }));

    public void FailsWith(int statusCode) => _respond = _ => Task.FromResult(Results.Json(
        new { error = new { code = "InternalServerError", message = "The server had an error while processing your request." } },
        statusCode: statusCode));

    /// <summary>Never answers: holds the request until the client gives up or the fake stops.</summary>
    public void Hangs() => _respond = async http =>
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var aborted = http.RequestAborted.Register(() => released.TrySetResult());
        using var stopping = _stopping.Token.Register(() => released.TrySetResult());
        await released.Task;
        return Results.StatusCode(499);
    };

    private async Task HandleAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))?.AsObject() ?? [];
        _calls.Enqueue(new ChatCompletionsCall(http.Request.Path, http.Request.QueryString.Value ?? "", http.Request.Headers["api-key"].FirstOrDefault(), body));
        var result = await _respond(http);
        await result.ExecuteAsync(http);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}

using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace KyodoBot.Bot;

/// <summary>
/// <c>POST /api/messages</c>: reads at most 1 MB (413 beyond), rejects malformed JSON (400) and unauthenticated
/// requests (401), and hands the activity to the adapter.
/// </summary>
public static class MessagesEndpoint
{
    public const long MaxBodyBytes = 1024 * 1024;

    private static readonly JsonSerializerSettings Settings = new()
    {
        MaxDepth = 64,
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
    };

    public static async Task HandleAsync(HttpContext http, KyodoAdapter adapter, IBot bot, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(MessagesEndpoint));
        if (await ReadActivityAsync(http, logger) is not { } activity)
        {
            return;
        }

        await ProcessAsync(http, adapter, bot, logger, activity);
    }

    /// <summary>The request's activity, or null after answering 413 or 400.</summary>
    private static async Task<Activity?> ReadActivityAsync(HttpContext http, ILogger logger)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            await Problem(http, StatusCodes.Status413PayloadTooLarge, "The request body is larger than 1 MB.");
            return null;
        }

        string body;
        try
        {
            body = await ReadBodyAsync(http, http.RequestAborted);
        }
        catch (BodyTooLargeException)
        {
            await Problem(http, StatusCodes.Status413PayloadTooLarge, "The request body is larger than 1 MB.");
            return null;
        }

        Activity? activity;
        try
        {
            activity = JsonConvert.DeserializeObject<Activity>(body, Settings);
        }
        catch (JsonException ex)
        {
            logger.LogInformation("Rejected a malformed activity: {Reason}", ex.Message);
            await Problem(http, StatusCodes.Status400BadRequest, "The request body is not a valid activity (JSON).");
            return null;
        }

        var problem = Invalid(activity);
        if (activity is null || problem is not null)
        {
            problem ??= "The activity is empty.";
            logger.LogInformation("Rejected an incomplete activity: {Reason}", problem);
            await Problem(http, StatusCodes.Status400BadRequest, problem);
            return null;
        }

        return activity;
    }

    /// <summary>Authenticates and runs the turn; answers 401, 200, or the invoke response.</summary>
    private static async Task ProcessAsync(HttpContext http, KyodoAdapter adapter, IBot bot, ILogger logger, Activity activity)
    {
        var cancellationToken = http.RequestAborted;
        InvokeResponse? response;
        try
        {
            response = await adapter.ProcessAuthenticatedAsync(http.Request.Headers.Authorization.ToString(), activity, bot.OnTurnAsync, cancellationToken);
        }
        catch (BotAuthenticationException ex)
        {
            logger.LogWarning("Rejected an unauthenticated request for activity {ActivityId}: {Reason}", activity.Id, ex.InnerException?.Message);
            await Problem(http, StatusCodes.Status401Unauthorized, "Unauthorized.");
            return;
        }

        if (response is null)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        http.Response.StatusCode = response.Status;
        if (response.Body is not null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(JsonConvert.SerializeObject(response.Body, Settings), cancellationToken);
        }
    }

    /// <summary>The fields the adapter cannot do without; anything else may be missing.</summary>
    private static string? Invalid(Activity? activity)
    {
        if (activity is null)
        {
            return "The activity is empty.";
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no type.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no conversation id.";
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
        {
            return "The activity has no valid serviceUrl.";
        }

        return null;
    }

    private static async Task<string> ReadBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw new BodyTooLargeException();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new BodyTooLargeException();
        }

        // Invalid UTF-8 becomes U+FFFD and then fails as JSON or as text, never as an exception here.
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Task Problem(HttpContext http, int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status).ExecuteAsync(http);

    private sealed class BodyTooLargeException : Exception;
}

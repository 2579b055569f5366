using KyodoBot.Core.Conversations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Grounding;

/// <summary>
/// Optional grounded answers: sends the top retrieved passages and the question to a chat model that must answer
/// only from them, citing them as [n], or refuse with <c>NO_ANSWER</c> (see <see cref="GroundingPrompt"/> and
/// <see cref="GroundedOutputParser"/>). Off when no <see cref="IChatClient"/> is registered, i.e. when
/// <c>AzureOpenAI:Endpoint</c>/<c>AzureOpenAI:Deployment</c> are not configured. Every failure — slow model, HTTP
/// error, unusable output — comes back as <c>null</c> so that the caller answers extractively and the turn stays
/// well inside Teams' 15 s limit.
/// </summary>
public sealed class GroundedAnswerer
{
    private readonly IChatClient? _chat;
    private readonly AzureOpenAIOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GroundedAnswerer> _logger;

    public GroundedAnswerer(
        IOptions<AzureOpenAIOptions> options,
        TimeProvider timeProvider,
        ILogger<GroundedAnswerer> logger,
        IChatClient? chat = null)
    {
        _chat = chat;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public bool IsEnabled => _chat is not null;

    /// <summary>
    /// The model's answer from the first <see cref="AzureOpenAIOptions.MaxPassages"/> passages (or
    /// <paramref name="maxPassages"/>), with
    /// <see cref="GroundedAnswer.Answered"/> false when it says they do not answer the question; <c>null</c> when
    /// disabled, timed out, failed or unusable. Only the caller's own cancellation is thrown.
    /// </summary>
    public async Task<GroundedAnswer?> TryAnswerAsync(
        string question,
        Language language,
        IReadOnlyList<GroundingPassage> passages,
        CancellationToken cancellationToken,
        int? maxPassages = null)
    {
        ArgumentNullException.ThrowIfNull(passages);
        if (_chat is null || string.IsNullOrWhiteSpace(question) || passages.Count == 0)
        {
            return null;
        }

        var limit = maxPassages ?? _options.MaxPassages;
        var given = passages.Count > limit ? passages.Take(limit).ToList() : passages;
        var started = _timeProvider.GetTimestamp();
        if (await CallModelAsync(_chat, question, language, given, started, cancellationToken).ConfigureAwait(false) is not { } response)
        {
            return null;
        }

        if (response.FinishReason is { } reason && reason != ChatFinishReason.Stop)
        {
            _logger.LogWarning("Grounded answer unusable: the model stopped with {FinishReason}; answering extractively", reason);
            return null;
        }

        var answer = GroundedOutputParser.Parse(response.Text, given, out var problem);
        if (answer is null)
        {
            _logger.LogWarning("Grounded answer unusable: {Problem}; answering extractively", problem);
            return null;
        }

        _logger.LogInformation("Grounded answer in {ElapsedMs} ms: answered={Answered}, cited {Cited}",
            (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds, answer.Answered, string.Join(",", answer.Cited.Select(p => p.Id)));
        return answer;
    }

    /// <summary>The model's reply within the timeout; null (logged) when it timed out or failed.</summary>
    private async Task<ChatResponse?> CallModelAsync(IChatClient chat, string question, Language language, IReadOnlyList<GroundingPassage> given,
        long started, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(_options.TimeoutSeconds);

        // The timer runs on the injected TimeProvider, so tests drive it with a fake clock.
        using var deadline = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var call = chat.GetResponseAsync(GroundingPrompt.Messages(question, language, given), GroundingPrompt.Options(), linked.Token);

            // WaitAsync bounds the wait even if a client ignores the token; a late failure of the abandoned call is
            // observed here so it does not surface as an unobserved task exception.
            _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return await call.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            _logger.LogWarning("Grounded answer timed out after {TimeoutSeconds} s; answering extractively", _options.TimeoutSeconds);
            return null;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Grounded answer failed after {ElapsedMs} ms; answering extractively",
                (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return null;
        }
    }
}

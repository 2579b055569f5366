namespace KyodoBot.Core.Grounding;

/// <summary>
/// The <c>AzureOpenAI</c> configuration section. Grounded answers are on only when <see cref="Endpoint"/> and
/// <see cref="Deployment"/> are both set; the key comes from the environment or user-secrets, never from
/// <c>appsettings*.json</c>. Without <see cref="ApiKey"/> the client signs in with <c>DefaultAzureCredential</c>.
/// </summary>
public sealed class AzureOpenAIOptions
{
    public const string Section = "AzureOpenAI";

    /// <summary>
    /// The model must leave time for the extractive fallback and the reply itself: Teams re-sends a request that has
    /// not been answered within ~15 s, so a longer wait is refused at start-up.
    /// </summary>
    public const double MaxTimeoutSeconds = 12;

    public const int MaxMaxPassages = 10;

    /// <summary>The resource endpoint, e.g. <c>https://my-resource.openai.azure.com/</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The deployment name of the chat model.</summary>
    public string? Deployment { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>How long a turn waits for the model before answering extractively.</summary>
    public double TimeoutSeconds { get; set; } = 8;

    /// <summary>How many of the top passages are sent to the model (when the knowledge base is larger than <see cref="GroundAllSectionsUpTo"/>).</summary>
    public int MaxPassages { get; set; } = 4;

    /// <summary>The most sections a knowledge base may have for the model to see all of them.</summary>
    public const int MaxGroundAllSections = 200;

    /// <summary>
    /// A knowledge base with at most this many sections is sent to the model whole (best-ranked first), and the model
    /// is asked even when retrieval scored low: a question worded unlike the manual still gets a grounded answer or the
    /// model's NO_ANSWER. 0 turns it off (only the top <see cref="MaxPassages"/>, only when retrieval found something).
    /// </summary>
    public int GroundAllSectionsUpTo { get; set; } = 60;
}

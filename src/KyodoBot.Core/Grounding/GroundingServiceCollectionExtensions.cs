using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using Azure.AI.OpenAI;
using Azure.Identity;
using KyodoBot.Core.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Grounding;

public static class GroundingServiceCollectionExtensions
{
    private const string EndpointKey = AzureOpenAIOptions.Section + ":" + nameof(AzureOpenAIOptions.Endpoint);
    private const string DeploymentKey = AzureOpenAIOptions.Section + ":" + nameof(AzureOpenAIOptions.Deployment);
    private const string ApiKeyKey = AzureOpenAIOptions.Section + ":" + nameof(AzureOpenAIOptions.ApiKey);
    private const string TimeoutKey = AzureOpenAIOptions.Section + ":" + nameof(AzureOpenAIOptions.TimeoutSeconds);
    private const string MaxPassagesKey = AzureOpenAIOptions.Section + ":" + nameof(AzureOpenAIOptions.MaxPassages);
    private const string GroundAllKey = AzureOpenAIOptions.Section + ":" + nameof(AzureOpenAIOptions.GroundAllSectionsUpTo);

    /// <summary>
    /// Registers <see cref="GroundedAnswerer"/> always, and the Azure OpenAI <see cref="IChatClient"/> only when
    /// <c>AzureOpenAI:Endpoint</c> and <c>AzureOpenAI:Deployment</c> are set (the key from <c>AzureOpenAI:ApiKey</c>,
    /// else <c>DefaultAzureCredential</c>). Bad configuration stops start-up with a message naming the key.
    /// </summary>
    public static IServiceCollection AddKyodoGrounding(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GroundedAnswerer>();

        if (options.Endpoint is not null && options.Deployment is not null)
        {
            var endpoint = new Uri(options.Endpoint);
            var deployment = options.Deployment;
            var apiKey = options.ApiKey;
            var clientOptions = new AzureOpenAIClientOptions
            {
                // A turn cannot wait for retries: on any failure the bot answers extractively at once.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            };
            services.AddSingleton<IChatClient>(_ =>
            {
                var client = apiKey is not null
                    ? new AzureOpenAIClient(endpoint, new ApiKeyCredential(apiKey), clientOptions)
                    : new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), clientOptions);
                return client.GetChatClient(deployment).AsIChatClient();
            });
        }

        return services;
    }

    /// <summary>Reads and checks the <c>AzureOpenAI</c> section; throws <see cref="KyodoConfigurationException"/>.</summary>
    public static AzureOpenAIOptions ReadOptions(IConfiguration configuration)
    {
        var endpoint = Value(configuration, EndpointKey);
        var deployment = Value(configuration, DeploymentKey);
        var options = new AzureOpenAIOptions
        {
            Endpoint = endpoint,
            Deployment = deployment,
            ApiKey = Value(configuration, ApiKeyKey),
        };

        CheckEndpoint(endpoint, deployment);
        ReadLimits(configuration, options);
        return options;
    }

    private static void CheckEndpoint(string? endpoint, string? deployment)
    {
        if (endpoint is not null
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new KyodoConfigurationException(
                $"Configuration key '{EndpointKey}' must be an absolute https URI such as 'https://my-resource.openai.azure.com/'; it is '{endpoint}'.");
        }

        if (endpoint is not null && deployment is null)
        {
            throw new KyodoConfigurationException(
                $"Configuration key '{DeploymentKey}' is required when '{EndpointKey}' is set: the name of the chat model deployment.");
        }

        if (deployment is not null && endpoint is null)
        {
            throw new KyodoConfigurationException(
                $"Configuration key '{EndpointKey}' is required when '{DeploymentKey}' is set: the Azure OpenAI resource endpoint.");
        }
    }

    private static void ReadLimits(IConfiguration configuration, AzureOpenAIOptions options)
    {
        if (Value(configuration, TimeoutKey) is { } timeoutText)
        {
            if (!double.TryParse(timeoutText, NumberStyles.Float, CultureInfo.InvariantCulture, out var timeout)
                || !double.IsFinite(timeout) || timeout <= 0 || timeout > AzureOpenAIOptions.MaxTimeoutSeconds)
            {
                throw new KyodoConfigurationException(
                    $"Configuration key '{TimeoutKey}' must be a number of seconds above 0 and at most {AzureOpenAIOptions.MaxTimeoutSeconds} " +
                    $"(a turn must stay well inside Teams' 15 s limit); it is '{timeoutText}'.");
            }

            options.TimeoutSeconds = timeout;
        }

        if (Value(configuration, MaxPassagesKey) is { } passagesText)
        {
            if (!int.TryParse(passagesText, NumberStyles.None, CultureInfo.InvariantCulture, out var maxPassages)
                || maxPassages < 1 || maxPassages > AzureOpenAIOptions.MaxMaxPassages)
            {
                throw new KyodoConfigurationException(
                    $"Configuration key '{MaxPassagesKey}' must be a whole number from 1 to {AzureOpenAIOptions.MaxMaxPassages}; it is '{passagesText}'.");
            }

            options.MaxPassages = maxPassages;
        }

        if (Value(configuration, GroundAllKey) is { } groundAllText)
        {
            if (!int.TryParse(groundAllText, NumberStyles.None, CultureInfo.InvariantCulture, out var groundAll)
                || groundAll > AzureOpenAIOptions.MaxGroundAllSections)
            {
                throw new KyodoConfigurationException(
                    $"Configuration key '{GroundAllKey}' must be a whole number from 0 (off) to {AzureOpenAIOptions.MaxGroundAllSections}; it is '{groundAllText}'.");
            }

            options.GroundAllSectionsUpTo = groundAll;
        }
    }

    private static string? Value(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();
}

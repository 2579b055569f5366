using KyodoBot.Core.Hosting;
using KyodoBot.Bot.Throttling;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Proactive;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KyodoBot.Bot;

public static class BotServiceCollectionExtensions
{
    /// <summary>The Bot Framework edge: authentication, adapter, the Teams handler and the proactive port.</summary>
    public static IServiceCollection AddKyodoBotFramework(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(BotIdentity.FromConfiguration(configuration, environment));
        services.AddKyodoConnectorThrottling();
        // Connector clients share one JSON contract resolver: see SharedContractsAuthentication for why.
        services.AddSingleton<BotFrameworkAuthentication>(sp => new SharedContractsAuthentication(new ConfigurationBotFrameworkAuthentication(
            configuration,
            httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
            logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>())));
        services.AddSingleton<KyodoAdapter>();
        services.AddSingleton<CloudAdapter>(sp => sp.GetRequiredService<KyodoAdapter>());
        services.AddSingleton<IBot, KyodoTeamsBot>();
        services.AddSingleton<IChannelMessenger, TeamsChannelMessenger>();
        return services;
    }

    /// <summary>
    /// Teams' rate limits and retries on every call to the Bot Connector: the adapter's connector factory takes the
    /// default <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, so the handler goes on that client,
    /// and one <see cref="TeamsRateLimiter"/> serves the whole process.
    /// </summary>
    public static IServiceCollection AddKyodoConnectorThrottling(this IServiceCollection services)
    {
        services.AddKyodoRateLimitOptions();
        services.AddKyodoEvaluationOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvaluationSettings>, ClaimLeaseValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TeamsRateLimiter>();
        services.AddSingleton<ConnectorRetryPolicy>();
        services.AddTransient<ConnectorThrottlingHandler>();
        services.AddHttpClient(Options.DefaultName).AddHttpMessageHandler<ConnectorThrottlingHandler>();
        return services;
    }

    /// <summary>
    /// The <c>Teams:RateLimits</c> section, bound and checked at start-up (a bad value names its key, exit code 2);
    /// <see cref="RateLimitOptions"/> is its typed view. A CLI verb that never validates on start gets the same message
    /// as a <see cref="KyodoConfigurationException"/> when it first resolves the options.
    /// </summary>
    internal static IServiceCollection AddKyodoRateLimitOptions(this IServiceCollection services)
    {
        services.AddOptions<RateLimitSettings>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitSettings>>(
            new SettingsValidator<RateLimitSettings>(settings => settings.ToOptions())));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<RateLimitSettings>>().ValueOrConfigurationError().ToOptions());
        return services;
    }

    /// <summary>
    /// A reminder's claim must outlast its slowest post (every retry waiting the longest), or a second sender could post
    /// the card while the first is still retrying.
    /// </summary>
    internal static void RequireLeaseLongerThanRetries(RateLimitOptions limits, EvaluationOptions evaluation)
    {
        var slowest = TimeSpan.FromTicks(limits.MaxDelay.Ticks * limits.MaxAttempts);
        if (evaluation.ClaimLease <= slowest)
        {
            throw new KyodoConfigurationException(
                $"Configuration key '{EvaluationOptions.ClaimLeaseSecondsKey}' is {evaluation.ClaimLease.TotalSeconds:0} s; it must be longer than " +
                $"the slowest post, {slowest.TotalSeconds:0} s ('{RateLimitOptions.Section}:MaxAttempts' × '{RateLimitOptions.Section}:MaxDelaySeconds'), " +
                "or a card still being retried could be posted twice.");
        }
    }

    /// <summary>Runs <see cref="RequireLeaseLongerThanRetries"/> with the other checks of the <c>Evaluation</c> section.</summary>
    private sealed class ClaimLeaseValidator(IOptions<RateLimitSettings> rateLimits) : IValidateOptions<EvaluationSettings>
    {
        public ValidateOptionsResult Validate(string? name, EvaluationSettings options)
        {
            EvaluationOptions evaluation;
            RateLimitOptions limits;
            try
            {
                evaluation = options.ToOptions();
                limits = rateLimits.Value.ToOptions();
            }
            catch (Exception ex) when (ex is KyodoConfigurationException or OptionsValidationException)
            {
                return ValidateOptionsResult.Skip; // the section's own validator reports the bad value
            }

            try
            {
                RequireLeaseLongerThanRetries(limits, evaluation);
                return ValidateOptionsResult.Success;
            }
            catch (KyodoConfigurationException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}

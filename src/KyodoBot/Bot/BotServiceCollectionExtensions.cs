using KyodoBot.Bot.Throttling;
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
        services.AddKyodoConnectorThrottling(configuration);
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
    public static IServiceCollection AddKyodoConnectorThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(RateLimitOptions.Read(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TeamsRateLimiter>();
        services.AddSingleton<ConnectorRetryPolicy>();
        services.AddTransient<ConnectorThrottlingHandler>();
        services.AddHttpClient(Options.DefaultName).AddHttpMessageHandler<ConnectorThrottlingHandler>();
        return services;
    }
}

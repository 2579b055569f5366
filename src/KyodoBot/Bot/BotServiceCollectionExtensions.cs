using KyodoBot.Core.Proactive;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace KyodoBot.Bot;

public static class BotServiceCollectionExtensions
{
    /// <summary>The Bot Framework edge: authentication, adapter, the Teams handler and the proactive port.</summary>
    public static IServiceCollection AddKyodoBotFramework(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(BotIdentity.FromConfiguration(configuration, environment));
        services.AddHttpClient();
        services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            configuration,
            httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
            logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
        services.AddSingleton<KyodoAdapter>();
        services.AddSingleton<CloudAdapter>(sp => sp.GetRequiredService<KyodoAdapter>());
        services.AddSingleton<IBot, KyodoTeamsBot>();
        services.AddSingleton<IChannelMessenger, TeamsChannelMessenger>();
        return services;
    }
}

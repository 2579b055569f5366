using KyodoBot.Core.Hosting;

namespace KyodoBot.Bot;

/// <summary>
/// The bot's Microsoft App registration as configured, checked at start-up. In Production the app id and its
/// credential are required (fail closed); elsewhere an empty app id runs the bot anonymously, for local emulators.
/// </summary>
public sealed class BotIdentity
{
    private static readonly string[] AppTypes = ["MultiTenant", "SingleTenant", "UserAssignedMSI"];

    private BotIdentity(string appId, string appType)
    {
        AppId = appId;
        AppType = appType;
    }

    /// <summary>Empty in anonymous mode.</summary>
    public string AppId { get; }
    public string AppType { get; }
    public bool IsAnonymous => AppId.Length == 0;

    public static BotIdentity FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var appId = configuration["MicrosoftAppId"]?.Trim() ?? "";
        var appType = configuration["MicrosoftAppType"]?.Trim();
        appType = string.IsNullOrEmpty(appType) ? "MultiTenant" : appType;
        var known = AppTypes.FirstOrDefault(t => t.Equals(appType, StringComparison.OrdinalIgnoreCase))
            ?? throw new KyodoConfigurationException(
                $"Configuration key 'MicrosoftAppType' has the value '{appType}'; use MultiTenant, SingleTenant or UserAssignedMSI.");

        if (appId.Length == 0)
        {
            if (environment.IsProduction())
            {
                throw new KyodoConfigurationException(
                    "Configuration key 'MicrosoftAppId' is required in Production (the bot's Microsoft App ID from its Azure Bot registration). " +
                    "Anonymous mode is only allowed in other environments (set ASPNETCORE_ENVIRONMENT=Development for local use).");
            }

            return new BotIdentity("", known);
        }

        if (known != "UserAssignedMSI" && string.IsNullOrWhiteSpace(configuration["MicrosoftAppPassword"]))
        {
            throw new KyodoConfigurationException(
                $"Configuration key 'MicrosoftAppPassword' is required when 'MicrosoftAppId' is set and 'MicrosoftAppType' is {known} " +
                "(set it as an environment variable or a user secret, never in appsettings.json).");
        }

        if (known != "MultiTenant" && string.IsNullOrWhiteSpace(configuration["MicrosoftAppTenantId"]))
        {
            throw new KyodoConfigurationException($"Configuration key 'MicrosoftAppTenantId' is required when 'MicrosoftAppType' is {known}.");
        }

        return new BotIdentity(appId, known);
    }
}

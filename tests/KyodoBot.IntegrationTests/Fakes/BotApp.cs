using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KyodoBot.IntegrationTests.Fakes;

/// <summary>The real host (Program, the real adapter and /api/messages) with test configuration.</summary>
public sealed class BotApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public const string AppId = "5a1f0c1e-7b0e-4d3c-9a55-0d5c2f7e9b11";

    // The HTTP tests leave the scheduler off (no background sweeps in their databases); Scheduling/ turns it on.

    /// <summary>Settings for a bot that authenticates against <paramref name="connector"/> as its Bot Framework.</summary>
    public static Dictionary<string, string?> Authenticated(FakeBotConnector connector, TestDatabase database) => new()
    {
        ["MicrosoftAppType"] = "MultiTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "not-a-real-secret-only-for-tests",
        ["ChannelService"] = connector.BaseUrl,
        ["ValidateAuthority"] = "false",
        ["ToChannelFromBotLoginUrl"] = connector.BaseUrl + "/botframework.test/oauth2/v2.0/token",
        ["ToChannelFromBotOAuthScope"] = "https://api.botframework.test",
        ["ToBotFromChannelTokenIssuer"] = FakeBotConnector.Issuer,
        ["ToBotFromChannelOpenIdMetadataUrl"] = connector.OpenIdMetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = connector.BaseUrl + "/emulator/.well-known/openidconfiguration",
        ["OAuthUrl"] = connector.BaseUrl,
        ["CallerId"] = "urn:botframework:azure",
        ["Storage:Provider"] = database.Provider,
        ["ConnectionStrings:KyodoBot"] = database.ConnectionString,
        ["Scheduler:Enabled"] = "false",
    };

    /// <summary>Settings for an anonymous (local emulator) bot.</summary>
    public static Dictionary<string, string?> Anonymous(TestDatabase database) => new()
    {
        ["MicrosoftAppId"] = "",
        ["Storage:Provider"] = database.Provider,
        ["ConnectionStrings:KyodoBot"] = database.ConnectionString,
        ["Scheduler:Enabled"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning));
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}

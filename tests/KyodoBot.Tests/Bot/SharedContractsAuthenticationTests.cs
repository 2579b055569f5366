using System.Security.Claims;
using KyodoBot.Bot;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Rest.Serialization;
using Newtonsoft.Json.Linq;

namespace KyodoBot.Tests.Bot;

public sealed class SharedContractsAuthenticationTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    [Fact]
    public async Task ConnectorClients_ShareOneContractResolver_ForReadingAndWriting()
    {
        var authentication = Anonymous();
        var factory = authentication.CreateConnectorFactory(new ClaimsIdentity());

        using var first = await factory.CreateAsync(ServiceUrl, null!, CancellationToken.None);
        using var second = await factory.CreateAsync(ServiceUrl, null!, CancellationToken.None);

        Assert.IsType<ReadOnlyJsonContractResolver>(authentication.Contracts);
        Assert.Same(authentication.Contracts, first.SerializationSettings.ContractResolver);
        Assert.Same(authentication.Contracts, first.DeserializationSettings.ContractResolver);
        Assert.Same(authentication.Contracts, second.SerializationSettings.ContractResolver);
    }

    [Fact]
    public async Task ConnectorClient_WritesAndReadsACardActivity_ExactlyAsTheSdksOwnClient()
    {
        var factory = Anonymous().CreateConnectorFactory(new ClaimsIdentity());
        using var shared = await factory.CreateAsync(ServiceUrl, null!, CancellationToken.None);
        using var sdk = new ConnectorClient(new Uri(ServiceUrl));
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            ChannelData = new JObject { ["channel"] = new JObject { ["id"] = "19:a@thread.tacv2" } },
            Activity = new Activity
            {
                Type = ActivityTypes.Message,
                Text = "評価のお知らせ",
                Attachments = [new Attachment("application/vnd.microsoft.card.adaptive", content: JObject.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"評価"}]}"""))],
                Entities = [new Entity("mention")],
                Timestamp = new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)),
            },
        };

        var written = SafeJsonConvert.SerializeObject(parameters, shared.SerializationSettings);
        var read = SafeJsonConvert.DeserializeObject<ConversationResourceResponse>("""{"id":"19:a@thread.tacv2;messageid=1","activityId":"1","serviceUrl":"https://x/"}""", shared.DeserializationSettings);

        Assert.Equal(SafeJsonConvert.SerializeObject(parameters, sdk.SerializationSettings), written);
        Assert.Equal("1", read.ActivityId);
        Assert.Equal("19:a@thread.tacv2;messageid=1", read.Id);
    }

    private static SharedContractsAuthentication Anonymous() =>
        new(new ConfigurationBotFrameworkAuthentication(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" }).Build()));
}

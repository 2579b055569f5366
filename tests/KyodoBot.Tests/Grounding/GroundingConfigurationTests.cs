using KyodoBot.Core.Grounding;
using KyodoBot.Core.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KyodoBot.Tests.Grounding;

public sealed class GroundingConfigurationTests
{
    private const string Endpoint = "https://kyodo-test.openai.azure.com/";

    [Fact]
    public void NotConfigured_RegistersADisabledAnswererAndNoChatClient()
    {
        using var services = Build();

        Assert.Null(services.GetService<IChatClient>());
        Assert.False(services.GetRequiredService<GroundedAnswerer>().IsEnabled);
        var options = services.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value;
        Assert.Equal(8, options.TimeoutSeconds);
        Assert.Equal(4, options.MaxPassages);
    }

    [Fact]
    public void EndpointDeploymentAndKey_RegisterTheAzureChatClient()
    {
        using var services = Build(("AzureOpenAI:Endpoint", Endpoint), ("AzureOpenAI:Deployment", "gpt-4o-mini"), ("AzureOpenAI:ApiKey", "test-key"),
            ("AzureOpenAI:TimeoutSeconds", "5.5"), ("AzureOpenAI:MaxPassages", "3"));

        var chat = services.GetRequiredService<IChatClient>();
        Assert.Equal("gpt-4o-mini", chat.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.True(services.GetRequiredService<GroundedAnswerer>().IsEnabled);
        var options = services.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value;
        Assert.Equal(5.5, options.TimeoutSeconds);
        Assert.Equal(3, options.MaxPassages);
    }

    [Fact]
    public void EndpointAndDeploymentWithoutKey_UseDefaultAzureCredential()
    {
        using var services = Build(("AzureOpenAI:Endpoint", Endpoint), ("AzureOpenAI:Deployment", "gpt-4o-mini"));

        Assert.NotNull(services.GetRequiredService<IChatClient>());
        Assert.True(services.GetRequiredService<GroundedAnswerer>().IsEnabled);
    }

    [Theory]
    [InlineData("http://kyodo-test.openai.azure.com/")]
    [InlineData("kyodo-test.openai.azure.com")]
    [InlineData("/openai")]
    public void EndpointNotAnAbsoluteHttpsUri_RefusesToStart_NamingTheKey(string endpoint)
    {
        var error = Assert.Throws<KyodoConfigurationException>(() =>
            Build(("AzureOpenAI:Endpoint", endpoint), ("AzureOpenAI:Deployment", "gpt-4o-mini")));

        Assert.Contains("'AzureOpenAI:Endpoint'", error.Message);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("201")]
    [InlineData("all")]
    public void GroundAllSectionsUpTo_OutOfRange_RefusesToStart_NamingTheKey(string value)
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => Build(("AzureOpenAI:GroundAllSectionsUpTo", value)));

        Assert.Contains("'AzureOpenAI:GroundAllSectionsUpTo'", error.Message);
    }

    [Fact]
    public void GroundAllSectionsUpTo_DefaultsTo60_AndZeroTurnsItOff()
    {
        using var defaults = Build();
        using var off = Build(("AzureOpenAI:GroundAllSectionsUpTo", "0"));

        Assert.Equal(60, defaults.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value.GroundAllSectionsUpTo);
        Assert.Equal(0, off.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value.GroundAllSectionsUpTo);
    }

    [Fact]
    public void EndpointWithoutDeployment_RefusesToStart_NamingDeployment()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => Build(("AzureOpenAI:Endpoint", Endpoint)));

        Assert.Contains("'AzureOpenAI:Deployment'", error.Message);
    }

    [Fact]
    public void DeploymentWithoutEndpoint_RefusesToStart_NamingEndpoint()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => Build(("AzureOpenAI:Deployment", "gpt-4o-mini")));

        Assert.Contains("'AzureOpenAI:Endpoint'", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("12.5")]
    [InlineData("30")]
    [InlineData("eight")]
    public void TimeoutOutOfRange_RefusesToStart_NamingTheKey(string timeout)
    {
        var error = Assert.Throws<KyodoConfigurationException>(() =>
            Build(("AzureOpenAI:Endpoint", Endpoint), ("AzureOpenAI:Deployment", "gpt-4o-mini"), ("AzureOpenAI:TimeoutSeconds", timeout)));

        Assert.Contains("'AzureOpenAI:TimeoutSeconds'", error.Message);
    }

    [Fact]
    public void TimeoutOfTwelveSeconds_IsTheLongestAccepted()
    {
        using var services = Build(("AzureOpenAI:TimeoutSeconds", "12"));

        Assert.Equal(12, services.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value.TimeoutSeconds);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("four")]
    public void MaxPassagesOutOfRange_RefusesToStart_NamingTheKey(string maxPassages)
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => Build(("AzureOpenAI:MaxPassages", maxPassages)));

        Assert.Contains("'AzureOpenAI:MaxPassages'", error.Message);
    }

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddKyodoGrounding(configuration).BuildServiceProvider();
    }
}

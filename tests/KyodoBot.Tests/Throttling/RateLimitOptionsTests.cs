using KyodoBot.Bot;
using KyodoBot.Bot.Throttling;
using KyodoBot.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KyodoBot.Tests.Throttling;

public sealed class RateLimitOptionsTests
{
    [Fact]
    public void NothingConfigured_UsesTeamsPublishedLimits()
    {
        var options = Read(Config());

        Assert.Equal(
            (7, 8, 60, 50, 20, 30, 5, 500, 30),
            (options.PerThreadPerSecond, options.PerThreadPer2Seconds, options.PerThreadPer30Seconds, options.PerTenantPerSecond,
             options.SafetyMarginMs, options.ArrivalAllowanceMs, options.MaxAttempts, options.BaseDelayMs, options.MaxDelaySeconds));
    }

    [Fact]
    public void ConfiguredValues_AreRead()
    {
        var options = Read(Config(("PerTenantPerSecond", "20"), ("MaxAttempts", "3"), ("BaseDelayMs", "20"), ("MaxDelaySeconds", "1"), ("SafetyMarginMs", "0"),
            ("ArrivalAllowanceMs", "250")));

        Assert.Equal((20, 3, 20, 1, 0, 250), (options.PerTenantPerSecond, options.MaxAttempts, options.BaseDelayMs, options.MaxDelaySeconds, options.SafetyMarginMs,
            options.ArrivalAllowanceMs));
    }

    [Theory]
    [InlineData("PerThreadPerSecond", "0")]
    [InlineData("PerThreadPer2Seconds", "-1")]
    [InlineData("PerThreadPer30Seconds", "many")]
    [InlineData("PerTenantPerSecond", "50.5")]
    [InlineData("SafetyMarginMs", "5000")]
    [InlineData("ArrivalAllowanceMs", "-5")]
    [InlineData("ArrivalAllowanceMs", "20000")]
    [InlineData("MaxAttempts", "0")]
    [InlineData("MaxAttempts", "100")]
    [InlineData("BaseDelayMs", "0")]
    [InlineData("MaxDelaySeconds", "0")]
    [InlineData("MaxDelaySeconds", "1e3")]
    public void BadValue_RefusesToStart_NamingTheKey(string key, string value)
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => Read(Config((key, value))));

        Assert.Contains($"'Teams:RateLimits:{key}'", error.Message);
        Assert.Contains($"'{value}'", error.Message);
    }

    [Fact]
    public void BaseDelayAboveTheCap_RefusesToStart_NamingBothKeys()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() =>
            Read(Config(("BaseDelayMs", "5000"), ("MaxDelaySeconds", "2"))));

        Assert.Contains("'Teams:RateLimits:BaseDelayMs'", error.Message);
        Assert.Contains("'Teams:RateLimits:MaxDelaySeconds'", error.Message);
    }

    [Fact]
    public void BadValue_FailsTheStartupValidation_WithTheSameMessage()
    {
        using var provider = Services(Config(("MaxAttempts", "many")));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            "Configuration key 'Teams:RateLimits:MaxAttempts' must be a whole number from 1 to 20; it is 'many'.",
            ConfigurationErrors.MessageOf(error));
    }

    [Fact]
    public void GoodValues_PassTheStartupValidation()
    {
        using var provider = Services(Config(("PerTenantPerSecond", " 25 ")));

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(25, provider.GetRequiredService<RateLimitOptions>().PerTenantPerSecond);
    }

    /// <summary>The section through the options pipeline, as the host registers it.</summary>
    private static RateLimitOptions Read(IConfiguration configuration)
    {
        using var provider = Services(configuration);
        return provider.GetRequiredService<RateLimitOptions>();
    }

    private static ServiceProvider Services(IConfiguration configuration) =>
        new ServiceCollection().AddSingleton(configuration).AddKyodoRateLimitOptions().BuildServiceProvider();

    private static IConfiguration Config(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => KeyValuePair.Create<string, string?>($"Teams:RateLimits:{v.Key}", v.Value)))
        .Build();
}

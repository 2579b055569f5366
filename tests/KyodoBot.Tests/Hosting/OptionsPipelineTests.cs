using KyodoBot.Core;
using KyodoBot.Core.Access;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Knowledge.Uploads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KyodoBot.Tests.Hosting;

/// <summary>
/// The <c>Kyodo</c> and <c>Knowledge</c> upload keys through the options pipeline as <c>AddKyodoCore</c> registers them:
/// <c>ValidateOnStart</c> refuses a bad value with the message naming the key, a good one reaches the typed options.
/// </summary>
public sealed class OptionsPipelineTests
{
    [Theory]
    [InlineData("Knowledge:MaxUploadBytes", "20MB")]
    [InlineData("Knowledge:MaxUploadBytes", "52428801")]
    [InlineData("Knowledge:UploadTimeoutSeconds", "0")]
    [InlineData("Knowledge:UploadTimeoutSeconds", "soon")]
    [InlineData("Knowledge:FeatureCacheFolder", "cache\0dir")]
    [InlineData("Kyodo:DefaultLanguage", "fr")]
    [InlineData("Kyodo:DraftExpiryDays", "soon")]
    [InlineData("Kyodo:DraftExpiryDays", "0")]
    [InlineData("Kyodo:DraftExpiryDays", "3651")]
    public void BadValue_FailsTheStartupValidation_NamingTheKeyAndTheValue(string key, string value)
    {
        using var provider = Services((key, value));

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var message = ConfigurationErrors.MessageOf(error);
        Assert.True(message is not null, error.ToString());
        Assert.Contains($"Configuration key '{key}'", message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadValue_ReachedOutsideTheHost_IsAConfigurationError()
    {
        // A CLI verb never runs the start-up validation: the first service that needs the value reports it.
        using var provider = Services(("Knowledge:UploadTimeoutSeconds", "soon"));

        var error = Assert.Throws<KyodoConfigurationException>(() => provider.GetRequiredService<KnowledgeUploadOptions>());

        Assert.Contains("'Knowledge:UploadTimeoutSeconds'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFeatureCacheFolderThatIsAFile_FailsTheStartupValidation_NamingTheKey()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var provider = Services(("Knowledge:FeatureCacheFolder", file));

            var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

            Assert.Contains($"Configuration key 'Knowledge:FeatureCacheFolder' names '{file}', which is a file", ConfigurationErrors.MessageOf(error), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(null, "data/cache")]
    [InlineData("features", "features")]
    [InlineData(" OFF ", null)]
    public void TheFeatureCacheFolder_IsUnderTheContentRoot_OrOff(string? configured, string? expected)
    {
        using var provider = configured is null ? Services() : Services(("Knowledge:FeatureCacheFolder", configured));

        provider.GetRequiredService<IStartupValidator>().Validate();

        var folder = provider.GetRequiredService<KnowledgeBase>().PhrasingFeatures.Folder;
        Assert.Equal(expected is null ? null : Path.GetFullPath(expected, Path.GetTempPath()), folder);
    }

    [Fact]
    public void NothingConfigured_GivesTheDefaults()
    {
        using var provider = Services();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var upload = provider.GetRequiredService<KnowledgeUploadOptions>();
        Assert.Equal((20L * 1024 * 1024, TimeSpan.FromSeconds(60)), (upload.MaxBytes, upload.DownloadTimeout));
        Assert.Equal(30, provider.GetRequiredService<IOptions<KyodoOptions>>().Value.DraftExpiryDayCount);
        Assert.Equal(Language.Japanese, provider.GetRequiredService<DefaultLanguage>().Value);
    }

    [Fact]
    public void ConfiguredValues_ReachTheTypedOptions()
    {
        using var provider = Services(
            ("Knowledge:MaxUploadBytes", "1048576"), ("Knowledge:UploadTimeoutSeconds", " 5 "),
            ("Kyodo:DraftExpiryDays", "7"), ("Kyodo:DefaultLanguage", "EN"));

        provider.GetRequiredService<IStartupValidator>().Validate();

        var upload = provider.GetRequiredService<KnowledgeUploadOptions>();
        Assert.Equal((1_048_576L, TimeSpan.FromSeconds(5)), (upload.MaxBytes, upload.DownloadTimeout));
        Assert.Equal(7, provider.GetRequiredService<IOptions<KyodoOptions>>().Value.DraftExpiryDayCount);
        Assert.Equal(Language.English, provider.GetRequiredService<DefaultLanguage>().Value);
    }

    private static ServiceProvider Services(params (string Key, string Value)[] values)
    {
        var settings = values.ToDictionary(v => v.Key, v => (string?)v.Value);
        settings["Kyodo:ContentRoot"] = Path.GetTempPath();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddKyodoCore(configuration).BuildServiceProvider();
    }
}

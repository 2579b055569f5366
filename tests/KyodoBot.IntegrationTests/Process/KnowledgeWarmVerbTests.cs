namespace KyodoBot.IntegrationTests.Process;

/// <summary>
/// <c>knowledge warm</c> and the phrasings' features file (docs/decisions/0080-phrasing-features-on-disk.md), as an
/// operator uses them: the verb writes the file, the next run and the bot's first build read every phrasing from it.
/// </summary>
public sealed class KnowledgeWarmVerbTests
{
    [Fact]
    public async Task Warm_WritesTheFeaturesFile_WhichTheNextRunAndTheBotsFirstBuildRead()
    {
        var folder = Directory.CreateTempSubdirectory("kyodobot-features-").FullName;
        var environment = new Dictionary<string, string?> { ["Knowledge__FeatureCacheFolder"] = folder };
        try
        {
            await using (var first = BotProcess.Start(environment, ["knowledge", "warm"], folder))
            {
                Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                Assert.Matches(@"phrasings \(0 read from the cache, \d{4,} analysed\)", first.Output);
                Assert.Contains($"the phrasings' features are kept in {folder}", first.Output, StringComparison.Ordinal);
            }

            var file = Assert.Single(Directory.EnumerateFiles(folder, "phrasing-features-*.bin"));

            await using (var second = BotProcess.Start(environment, ["knowledge", "warm"], folder))
            {
                Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                Assert.Matches(@"phrasings \(\d{4,} read from the cache, 0 analysed\)", second.Output);
            }

            await using var bot = await BotProcess.StartReadyAsync(environment, TimeSpan.FromSeconds(60), folder);
            Assert.Matches(@"Knowledge loaded: \d+ sections .* phrasings: \d{4,} cached, 0 analysed", bot.Output);
            Assert.Equal([file], Directory.EnumerateFiles(folder, "phrasing-features-*"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Off_KeepsNothing_AndSaysSo()
    {
        var folder = Directory.CreateTempSubdirectory("kyodobot-features-off-").FullName;
        try
        {
            await using var run = BotProcess.Start(new Dictionary<string, string?> { ["Knowledge__FeatureCacheFolder"] = "off" }, ["knowledge", "warm"], folder);

            Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("Knowledge:FeatureCacheFolder is off", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

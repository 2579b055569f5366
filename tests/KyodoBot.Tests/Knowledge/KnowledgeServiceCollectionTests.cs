using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KyodoBot.Tests.Knowledge;

public sealed class KnowledgeServiceCollectionTests
{
    [Fact]
    public async Task AddKyodoKnowledge_RegistersOneKnowledgeBase_TheAnswerer_AndTheLoadingHostedService()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(KnowledgePaths.Content);
        services.AddKyodoKnowledge();
        await using var provider = services.BuildServiceProvider();

        var knowledge = provider.GetRequiredService<KnowledgeBase>();
        Assert.Same(knowledge, provider.GetRequiredService<IKnowledgeBase>());
        Assert.Equal(KnowledgePaths.Folder, knowledge.Folder);
        Assert.False(knowledge.IsLoaded);

        var hosted = Assert.Single(provider.GetServices<IHostedService>().OfType<KnowledgeFolderWatcher>());
        await hosted.StartAsync(CancellationToken.None);
        Assert.True(knowledge.IsLoaded);
        Assert.True(provider.GetRequiredService<IKnowledgeAnswerer>().Ask("公開の原則とは", Language.Japanese).Answered);
        await hosted.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void AddKyodoKnowledge_KeepsAContentPathsRegisteredBefore()
    {
        var paths = new ContentPaths(Path.GetTempPath());
        var services = new ServiceCollection().AddLogging().AddSingleton(paths).AddKyodoKnowledge();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(paths.Knowledge, provider.GetRequiredService<KnowledgeBase>().Folder);
    }
}

using KyodoBot.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// The knowledge base of <see cref="ContentPaths.Knowledge"/>, the embedded answerer, and the hosted service
    /// that loads the folder at start and reloads it on changes. Uses the <see cref="ContentPaths"/> that
    /// <c>AddKyodoCore</c> registers (or resolves one itself when called alone).
    /// </summary>
    public static IServiceCollection AddKyodoKnowledge(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => ContentPaths.Resolve(null, AppContext.BaseDirectory));
        services.TryAddSingleton(sp => new KnowledgeBase(
            sp.GetRequiredService<ContentPaths>().Knowledge, sp.GetService<ILogger<KnowledgeBase>>()));
        services.TryAddSingleton<IKnowledgeBase>(sp => sp.GetRequiredService<KnowledgeBase>());
        services.TryAddSingleton(sp => new KnowledgePhrasings(
            sp.GetRequiredService<KnowledgeBase>(), sp.GetService<ILogger<KnowledgePhrasings>>()));
        services.TryAddSingleton<IKnowledgeAnswerer>(sp => new KnowledgeAnswerer(
            sp.GetRequiredService<KnowledgeBase>(), sp.GetService<ILogger<KnowledgeAnswerer>>(), sp.GetService<Localization.Texts>()));
        services.TryAddSingleton(sp => new KnowledgeFolderWatcher(
            sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<KnowledgeFolderWatcher>>()));
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeFolderWatcher>());
        return services;
    }
}

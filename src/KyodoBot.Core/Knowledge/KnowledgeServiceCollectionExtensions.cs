using KyodoBot.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
        // Read without BindConfiguration, which needs an IConfiguration: a test or a tool may register the knowledge alone.
        services.AddOptions<KnowledgeCacheSettings>()
            .Configure<IServiceProvider>((settings, sp) => settings.FeatureCacheFolder = sp.GetService<IConfiguration>()?[KnowledgeCacheSettings.Key])
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeCacheSettings>, KnowledgeCacheValidator>());
        services.TryAddSingleton(sp => new KnowledgeBase(
            sp.GetRequiredService<ContentPaths>().Knowledge, sp.GetService<ILogger<KnowledgeBase>>(),
            phrasings: new PhrasingFeatureCache(
                sp.GetRequiredService<IOptions<KnowledgeCacheSettings>>().ValueOrConfigurationError().Resolve(sp.GetRequiredService<ContentPaths>().Root),
                sp.GetService<ILogger<PhrasingFeatureCache>>())));
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

/// <summary>Checks <see cref="KnowledgeCacheSettings"/> at start-up against the content root, naming the key.</summary>
internal sealed class KnowledgeCacheValidator(ContentPaths paths) : IValidateOptions<KnowledgeCacheSettings>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeCacheSettings options) =>
        new SettingsValidator<KnowledgeCacheSettings>(settings => settings.Resolve(paths.Root)).Validate(name, options);
}

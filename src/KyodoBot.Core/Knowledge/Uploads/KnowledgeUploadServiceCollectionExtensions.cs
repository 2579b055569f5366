using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Knowledge.Uploads;

public static class KnowledgeUploadServiceCollectionExtensions
{
    /// <summary>
    /// The admins' file upload in the personal chat: options (checked now, naming the key), the staging folder beside
    /// the knowledge, the download client (HttpClientFactory, with the timeout), the file handler and the two card verbs.
    /// </summary>
    public static IServiceCollection AddKyodoKnowledgeUploads(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeUploadSettings>().BindConfiguration(KnowledgeUploadOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeUploadSettings>>(
            new SettingsValidator<KnowledgeUploadSettings>(settings => settings.ToOptions())));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KnowledgeUploadSettings>>().ValueOrConfigurationError().ToOptions());
        services.AddHttpClient(KnowledgeUploads.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<KnowledgeUploadOptions>().DownloadTimeout + TimeSpan.FromSeconds(5));
        services.AddSingleton(sp => new KnowledgeUploadStore(sp.GetRequiredService<KnowledgeBase>().Folder));
        services.AddSingleton<KnowledgeUploads>();
        services.AddSingleton<IFileUploadHandler>(sp => sp.GetRequiredService<KnowledgeUploads>());
        foreach (var verb in new[] { KnowledgeUploadCard.PublishVerb, KnowledgeUploadCard.CancelVerb })
        {
            services.AddSingleton<ICardExecute>(sp => ActivatorUtilities.CreateInstance<KnowledgeUploadAction>(sp, verb));
        }

        return services;
    }
}

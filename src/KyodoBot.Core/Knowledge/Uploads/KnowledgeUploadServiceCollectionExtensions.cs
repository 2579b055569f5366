using KyodoBot.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Core.Knowledge.Uploads;

public static class KnowledgeUploadServiceCollectionExtensions
{
    /// <summary>
    /// The admins' file upload in the personal chat: options (checked now, naming the key), the staging folder beside
    /// the knowledge, the download client (HttpClientFactory, with the timeout), the file handler and the two card verbs.
    /// </summary>
    public static IServiceCollection AddKyodoKnowledgeUploads(this IServiceCollection services)
    {
        // Read from the host's configuration when first needed; the host resolves it at start (MapKyodoEndpoints), so
        // a bad value stops start-up naming the key.
        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            return KnowledgeUploadOptions.Parse(config[KnowledgeUploadOptions.MaxBytesKey], config[KnowledgeUploadOptions.TimeoutKey],
                config[KnowledgeUploadOptions.ExpiryKey], config[KnowledgeUploadOptions.RetentionKey]);
        });
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

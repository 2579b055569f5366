using KyodoBot.Core.Access;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Grounding;
using KyodoBot.Core.Help;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Knowledge.Uploads;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proposals;
using KyodoBot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KyodoBot.Core;

public static class KyodoCoreServiceCollectionExtensions
{
    /// <summary>Everything Core offers: storage, cards, texts, the router and its commands.</summary>
    public static IServiceCollection AddKyodoCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KyodoOptions>().BindConfiguration(KyodoOptions.Section)
            // The binder skips a single value where it expects a list, and an operator's one variable
            // (Kyodo__Admins=a,b) would leave no admins, that is nobody: AdminPolicy splits the value.
            .Configure<IConfiguration>((options, config) =>
            {
                if (config[$"{KyodoOptions.Section}:{nameof(KyodoOptions.Admins)}"] is { Length: > 0 } admins)
                {
                    options.Admins.Add(admins);
                }
            })
            // Checked at start so that a bad value stops start-up naming the key (exit 2) instead of failing a turn.
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KyodoOptions>>(
            new SettingsValidator<KyodoOptions>(options => options.Check())));
        services.AddSingleton(sp => new DefaultLanguage(
            LanguageResolver.ParseDefault(sp.GetRequiredService<IOptions<KyodoOptions>>().ValueOrConfigurationError().DefaultLanguage)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(ContentPaths.Resolve(configuration[$"{KyodoOptions.Section}:ContentRoot"], AppContext.BaseDirectory));
        services.AddKyodoStorage(configuration);

        services.AddSingleton<Texts>();
        services.AddSingleton<CardTemplates>();
        services.AddSingleton<AdminPolicy>();
        services.AddSingleton<WelcomeCard>();
        services.AddKyodoDepartments();

        services.AddSingleton<ICommand, HelpCommand>();

        services.AddKyodoKnowledge();
        services.AddKyodoKnowledgeUploads();
        services.AddKyodoGrounding(configuration);
        services.AddKyodoAsk();

        services.AddKyodoDialogs();
        services.AddKyodoProposals();
        services.AddKyodoEvaluations(configuration);
        services.AddSingleton<ConversationLanguages>();
        services.AddSingleton<TurnRouter>();
        return services;
    }
}

using KyodoBot.Core.Access;
using KyodoBot.Core.Ask;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Help;
using KyodoBot.Core.Grounding;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proposals;
using KyodoBot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
            });
        // Checked here so that a bad value stops start-up naming the key (exit 2) instead of failing the first turn.
        services.AddSingleton(new DefaultLanguage(LanguageResolver.ParseDefault(configuration[LanguageResolver.DefaultLanguageKey])));
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
        services.AddKyodoGrounding(configuration);
        services.AddSingleton<QuestionLog>();
        services.AddSingleton<AnswerPresenter>();
        services.AddSingleton<AnswerService>();
        services.AddSingleton<ICommand, UnansweredCommand>();
        services.AddSingleton<ICardAction, FeedbackAction>();
        services.AddSingleton<FeedbackCommentAction>();
        services.AddSingleton<ICardAction>(sp => sp.GetRequiredService<FeedbackCommentAction>());
        services.AddSingleton<ICardExecute>(sp => sp.GetRequiredService<FeedbackCommentAction>());
        services.AddSingleton<ICardAction, SectionAction>();
        services.AddSingleton<ICardAction, AddPhrasingAction>();
        services.TryAddSingleton<IFallbackHandler, AskHandler>();

        services.AddKyodoDialogs();
        services.AddSingleton<DraftStore>();
        services.AddSingleton<ProposalStore>();
        services.AddSingleton<ProposalCards>();
        services.AddSingleton<ProposalService>();
        services.AddSingleton<IDepartmentRegisteredListener>(sp => sp.GetRequiredService<ProposalService>());
        services.AddSingleton<ProposalDialog>();
        services.AddSingleton<IActiveDialog>(sp => sp.GetRequiredService<ProposalDialog>());
        services.AddSingleton<ICommand, ProposeCommand>();
        services.AddSingleton<ICommand, ResumeCommand>();
        services.AddSingleton<ICommand, MyProposalsCommand>();
        services.AddSingleton<ICommand, ResubmitCommand>();
        services.AddSingleton<ProposalForm>();
        services.AddSingleton<ICardExecute>(sp => sp.GetRequiredService<ProposalForm>());
        services.AddSingleton<ICommand, ProposalFormCommand>();
        services.AddSingleton<ICardExecute, ProposalSummaryAction>();
        services.AddSingleton<ICardExecute, AcceptProposalAction>();
        services.AddSingleton<ICardExecute, ReturnProposalAction>();
        services.AddKyodoEvaluations(configuration);
        services.AddSingleton<ConversationLanguages>();
        services.AddSingleton<TurnRouter>();
        return services;
    }
}

using KyodoBot.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KyodoBot.Core.Ask;

public static class AskServiceCollectionExtensions
{
    /// <summary>
    /// Ask: questions answered from the manual (the fallback for any message no command takes), the question log and
    /// 未回答一覧, 👍/👎 feedback, related sections, phrasings and questions the manual does not answer added from unanswered questions. Needs the knowledge
    /// base and grounding (<c>AddKyodoKnowledge</c>, <c>AddKyodoGrounding</c>).
    /// </summary>
    public static IServiceCollection AddKyodoAsk(this IServiceCollection services)
    {
        services.AddSingleton<QuestionLog>();
        services.AddSingleton<AnswerPresenter>();
        services.AddSingleton<AnswerService>();
        services.AddSingleton<AskBack>();
        services.AddSingleton<ICommand, UnansweredCommand>();
        services.AddSingleton<ICardAction, FeedbackAction>();
        services.AddSingleton<FeedbackCommentAction>();
        services.AddSingleton<ICardAction>(sp => sp.GetRequiredService<FeedbackCommentAction>());
        services.AddSingleton<ICardExecute>(sp => sp.GetRequiredService<FeedbackCommentAction>());
        services.AddSingleton<ICardAction, SectionAction>();
        services.AddSingleton<ICardAction, AskBackNoneAction>();
        services.AddSingleton<ICardAction, AddPhrasingAction>();
        services.AddSingleton<ICardAction, NotInManualAction>();
        services.TryAddSingleton<IFallbackHandler, AskHandler>();
        return services;
    }
}

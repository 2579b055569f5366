using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Core.Proposals;

public static class ProposalServiceCollectionExtensions
{
    /// <summary>
    /// Proposals: the intake dialog (chat and form card), drafts, numbering and the review card in the department's
    /// channel with 受理 / 差し戻し. Needs the dialogs and departments (<c>AddKyodoDialogs</c>, <c>AddKyodoDepartments</c>).
    /// </summary>
    public static IServiceCollection AddKyodoProposals(this IServiceCollection services)
    {
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
        return services;
    }
}

using KyodoBot.Core.Access;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Proposals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Core.Evaluations;

public static class EvaluationServiceCollectionExtensions
{
    /// <summary>Projects, schedules, the reminder outbox and its sweep, the evaluation cards and their verbs.</summary>
    public static IServiceCollection AddKyodoEvaluations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(EvaluationOptions.Read(configuration));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<EvaluationOptions>();
            return HolidayCalendar.Load(options.HolidayFilePath(sp.GetRequiredService<ContentPaths>()));
        });
        services.AddSingleton<BusinessCalendar>();
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<EvaluationStore>();
        services.AddSingleton<EvaluationCards>();
        services.AddSingleton<EvaluationAccess>();
        services.AddSingleton<AdminNotifier>();
        services.AddSingleton<ProjectService>();
        services.AddSingleton<IProposalAcceptedListener>(sp => sp.GetRequiredService<ProjectService>());
        services.AddSingleton<ReminderSweep>();
        services.AddSingleton<IReminderSweep>(sp => sp.GetRequiredService<ReminderSweep>());

        services.AddSingleton<ICommand, ScheduleCommand>();
        services.AddSingleton<ICommand, HistoryCommand>();
        services.AddSingleton<ICommand, RegisterProjectCommand>();
        services.AddSingleton<ICardExecute, RecordEvaluationAction>();
        services.AddSingleton<ICardExecute, SnoozeEvaluationAction>();
        services.AddSingleton<ICardExecute, EvaluationDetailsAction>();
        services.AddSingleton<ICardExecute, EvaluationBackAction>();
        services.AddSingleton<ICardExecute, RegisterProjectAction>();
        foreach (var verb in new[] { ScheduleEditAction.Verbs.Add, ScheduleEditAction.Verbs.Move, ScheduleEditAction.Verbs.Remove })
        {
            services.AddSingleton<ICardExecute>(sp => ActivatorUtilities.CreateInstance<ScheduleEditAction>(sp, verb));
        }

        return services;
    }
}

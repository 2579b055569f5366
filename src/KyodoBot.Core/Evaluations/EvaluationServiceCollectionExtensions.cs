using KyodoBot.Core.Access;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Proposals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Evaluations;

public static class EvaluationServiceCollectionExtensions
{
    /// <summary>Projects, schedules, the reminder outbox and its sweep, the evaluation cards and their verbs.</summary>
    public static IServiceCollection AddKyodoEvaluations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKyodoEvaluationOptions();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<EvaluationOptions>();
            var path = options.HolidayFilePath(sp.GetRequiredService<ContentPaths>());
            var calendar = HolidayCalendar.Load(path);
            WarnWhenRunningOut(calendar, path, options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<HolidayCalendar>());
            return calendar;
        });
        services.AddSingleton<BusinessCalendar>();
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<EvaluationStore>();
        services.AddSingleton<ReminderOutbox>();
        services.AddSingleton<EvaluationCards>();
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

    /// <summary>
    /// The <c>Evaluation</c> section, bound and checked at start-up; <see cref="EvaluationOptions"/> is its typed view.
    /// Safe to call more than once (the web host's Bot Framework edge and the scheduler need it too).
    /// </summary>
    public static IServiceCollection AddKyodoEvaluationOptions(this IServiceCollection services)
    {
        services.AddOptions<EvaluationSettings>()
            .BindConfiguration(EvaluationOptions.Section)
            .Configure<IConfiguration>((settings, config) => settings.ReminderDaysBeforeText = config[EvaluationOptions.ReminderDaysBeforeKey])
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvaluationSettings>, EvaluationSettingsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<EvaluationSettings>>().ValueOrConfigurationError().ToOptions());
        return services;
    }

    /// <summary>Reminders are planned up to a year ahead: a holiday list that ends sooner needs the next year added.</summary>
    private static void WarnWhenRunningOut(HolidayCalendar calendar, string path, EvaluationOptions options, TimeProvider time, ILogger logger)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.TimeZone).DateTime);
        var last = calendar.Days.Count == 0 ? (DateOnly?)null : calendar.Days.Keys.Max();
        if (last is null || last < today.AddDays(365))
        {
            logger.LogWarning("The holiday list {Path} ends on {Last}; add the next year's holidays so that reminders after that date skip them",
                path, last?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "(empty)");
        }
    }
}

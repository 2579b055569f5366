using System.Globalization;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Quartz;

namespace KyodoBot.Scheduling;

/// <summary>
/// The durable clock (ADR 0011): Quartz.NET with its ADO job store in the app's own database, clustered on PostgreSQL,
/// firing <see cref="ReminderSweepJob"/> every <c>Evaluation:SweepSeconds</c>. The tables come from
/// <see cref="KyodoBot.Core.Storage.Quartz.QuartzSchema"/> through the migrations.
/// </summary>
public static class SchedulerServiceCollectionExtensions
{
    public const string SchedulerName = "KyodoBot";
    public const string EnabledKey = "Scheduler:Enabled";

    /// <summary>How often a clustered node writes that it is alive, and how late it may be before a peer takes over its firings.</summary>
    internal static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxIdleWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Registers the scheduler and its hosted service (unless <c>Scheduler:Enabled</c> is false). Call after the
    /// database migration's hosted service: hosted services start in registration order, and Quartz reads its tables
    /// as it starts.
    /// </summary>
    public static IServiceCollection AddKyodoScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        if (!ReadEnabled(configuration))
        {
            return services;
        }

        var storage = StorageServiceCollectionExtensions.ReadOptions(configuration);
        services.AddKyodoEvaluationOptions();

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = SchedulerName);
            quartz.UsePersistentStore(store =>
            {
                store.ConfigureStore(options => options.TablePrefix = "qrtz_");
                store.UseSystemTextJsonSerializer();
                if (storage.Provider == StorageProvider.Postgres)
                {
                    store.UsePostgres(NpgsqlFactory.Instance, storage.ConnectionString);
                    // Several instances share the database: row locks in qrtz_locks decide which one fires, and a
                    // node that stops checking in has its firings taken over. The instance id is generated (AUTO).
                    store.UseClustering(clustering =>
                    {
                        clustering.CheckinInterval = CheckinInterval;
                        clustering.CheckinMisfireThreshold = CheckinMisfireThreshold;
                    });
                }
                else
                {
                    // One process, one writer: for SQLite the store picks its own lock handler (one in-process gate
                    // around every operation, serializable transactions); the type is internal, so it cannot be named.
                    store.UseSqlite(SqliteFactory.Instance, storage.ConnectionString);
                }
            });

            quartz.AddJob<ReminderSweepJob>(job => job
                .WithIdentity(ReminderSweepJob.Key)
                .WithDescription("Sends the evaluation reminders that are due")
                .StoreDurably());
            // The sweep's rhythm comes from the validated Evaluation options, read when the scheduler is built.
            quartz.AddTrigger((provider, trigger) => ScheduleSweep(trigger, provider.GetRequiredService<EvaluationOptions>().SweepInterval));
        });
        LookAgainEveryInterval(services);

        // Every start (and every instance) declares the same job and trigger: replace them rather than fail on the
        // duplicate key, and keep the replaced trigger's history so a restart does not count as a new schedule.
        services.Configure<QuartzOptions>(options =>
        {
            options.Scheduling.OverwriteExistingData = true;
            options.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true;
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }

    private static void ScheduleSweep(ITriggerConfigurator<IJob> trigger, TimeSpan interval) => trigger
        .ForJob(ReminderSweepJob.Key)
        .WithIdentity(ReminderSweepJob.TriggerKey)
        .StartNow()
        .WithSimpleSchedule(schedule => schedule
            .WithInterval(interval)
            .RepeatForever()
            // After downtime: one sweep now (it sends everything due), then the usual rhythm.
            .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
        // Later than one interval is a misfire. A larger threshold (the store's default is 60 s) would fire
        // a late trigger once per missed tick to catch up instead.
        .WithMisfireThreshold(interval);

    /// <summary>How soon a node looks at the store again: once per sweep interval, at most 30 s.</summary>
    private static void LookAgainEveryInterval(IServiceCollection services)
    {
        services.AddOptions<QuartzSchedulerOptions>().Configure<EvaluationOptions>((scheduler, evaluation) =>
            // A node with nothing to fire looks at the store again after this long. Nothing tells it when a peer
            // stops, so at most one interval (rather than Quartz's 30 s) passes before a survivor takes the sweep.
            scheduler.IdleWaitTime = LookAgainAfter(evaluation.SweepInterval));
        services.AddOptions<AdoJobStoreOptions>().Configure<EvaluationOptions>((store, evaluation) =>
            // A tick that no node picked up within one interval has misfired; acquisition skips it and only the
            // misfire handler fires it (now, ScheduleSweep says). Quartz's handler looks every 60 s: ours, as often as
            // the idle nodes, so a late sweep is at most about one interval later still.
            store.MisfireHandlerFrequency = LookAgainAfter(evaluation.SweepInterval));
    }

    private static TimeSpan LookAgainAfter(TimeSpan sweepInterval) => sweepInterval < MaxIdleWait ? sweepInterval : MaxIdleWait;

    internal static bool ReadEnabled(IConfiguration configuration)
    {
        var text = configuration[EnabledKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        return bool.TryParse(text.Trim(), out var enabled)
            ? enabled
            : throw new KyodoConfigurationException($"Configuration key '{EnabledKey}' has the value '{text}'; use 'true' or 'false'.");
    }
}

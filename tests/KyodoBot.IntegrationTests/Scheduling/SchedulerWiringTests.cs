using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Hosting;
using KyodoBot.IntegrationTests.Fakes;
using KyodoBot.Operations;
using KyodoBot.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Quartz;

namespace KyodoBot.IntegrationTests.Scheduling;

/// <summary>How the scheduler is wired into the bot: after the migration, with the sweep the app registers, per configuration.</summary>
public sealed class SchedulerWiringTests
{
    [Fact]
    public async Task BotHost_StartsTheSchedulerAfterTheMigration_AndRunsTheRegisteredSweep()
    {
        await using var database = TestDatabase.CreateSqlite();
        await SchedulerHost.CreateSchemaAsync(database);
        var log = new SweepLog();
        var settings = BotApp.Anonymous(database);
        settings["Scheduler:Enabled"] = "true";
        settings["Evaluation:SweepSeconds"] = "1";
        await using var app = new BotApp(settings, services => services.AddSingleton<IReminderSweep>(new RecordingSweep("bot", log, TimeSpan.Zero)));

        var hosted = app.Services.GetServices<IHostedService>().ToList();
        var runs = await log.WaitForAsync(r => r.Count >= 1, SweepLog.Patience);

        Assert.NotEmpty(runs);
        // Hosted services start one after another in registration order, and Quartz reads its tables in StartAsync
        // (its StartingAsync, which runs before every StartAsync, is an empty hook): the migration has finished by then.
        var migration = hosted.FindIndex(service => service is DatabaseMigrationHostedService);
        var quartz = hosted.FindIndex(service => service is QuartzHostedService);
        Assert.InRange(migration, 0, quartz - 1);
        Assert.False(app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ServicesStartConcurrently);
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task QuartzSchema_AppliedTwice_IsAcceptedByQuartz(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SchedulerHost.CreateSchemaAsync(database);
        await SchedulerHost.CreateSchemaAsync(database);
        var log = new SweepLog();

        var host = await SchedulerHost.StartAsync(database, provider, log, sweepSeconds: 1);
        var runs = await log.WaitForAsync(r => r.Count >= 1, SweepLog.Patience);
        await SchedulerHost.StopAsync(host);

        Assert.NotEmpty(runs);
    }

    [Fact]
    public void BadEnabledValue_StopsStartup_NamingTheKey()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => new ServiceCollection().AddKyodoScheduler(Configuration(("Scheduler:Enabled", "yes"))));

        Assert.Contains("'Scheduler:Enabled'", error.Message);
        Assert.Contains("yes", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("every minute")]
    public void BadSweepSeconds_FailsTheStartupValidation_NamingTheKey(string value)
    {
        var configuration = Configuration(("Evaluation:SweepSeconds", value));
        using var provider = new ServiceCollection().AddLogging().AddSingleton(configuration).AddKyodoScheduler(configuration).BuildServiceProvider();

        // What the web host's Program does with a configuration failure (exit 2, this message).
        var message = ConfigurationErrors.MessageOf(Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate())!);

        Assert.NotNull(message);
        Assert.Contains("'Evaluation:SweepSeconds'", message);
        Assert.Contains(value, message);
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("120", 30)]
    public void IdleWaitAndMisfireHandler_LookEverySweepInterval_AtMostThirtySeconds(string sweepSeconds, int seconds)
    {
        var configuration = Configuration(("Evaluation:SweepSeconds", sweepSeconds));
        using var provider = new ServiceCollection().AddLogging().AddSingleton(configuration).AddKyodoScheduler(configuration).BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(seconds), provider.GetRequiredService<IOptions<QuartzSchedulerOptions>>().Value.IdleWaitTime);
        Assert.Equal(TimeSpan.FromSeconds(seconds), provider.GetRequiredService<IOptions<AdoJobStoreOptions>>().Value.MisfireHandlerFrequency);
    }

    [Fact]
    public void Disabled_RegistersNoScheduler()
    {
        var services = new ServiceCollection().AddLogging().AddKyodoScheduler(Configuration(("Scheduler:Enabled", "false")));

        Assert.DoesNotContain(services, service => service.ServiceType == typeof(IHostedService));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}

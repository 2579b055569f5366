using System.Data.Common;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Storage;
using KyodoBot.Core.Storage.Quartz;
using KyodoBot.IntegrationTests.Fakes;
using KyodoBot.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KyodoBot.IntegrationTests.Scheduling;

/// <summary>
/// A bot instance reduced to its scheduler: a generic host with <see cref="SchedulerServiceCollectionExtensions.AddKyodoScheduler"/>
/// on a test database, whose sweep is a <see cref="RecordingSweep"/>.
/// </summary>
public static class SchedulerHost
{
    public static async Task<IHost> StartAsync(TestDatabase database, string name, SweepLog log, int sweepSeconds, TimeSpan? sweepDuration = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = database.Provider,
            ["ConnectionStrings:KyodoBot"] = database.ConnectionString,
            ["Evaluation:SweepSeconds"] = sweepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IReminderSweep>(new RecordingSweep(name, log, sweepDuration ?? TimeSpan.Zero));
        builder.Services.AddKyodoScheduler(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>What the migration will do: create the Quartz tables (the Evaluations migration calls the same method).</summary>
    public static async Task CreateSchemaAsync(TestDatabase database)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = QuartzSchema.For(Provider(database));
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(TestDatabase database, string sql)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }

    private static StorageProvider Provider(TestDatabase database) =>
        database.Provider == "Postgres" ? StorageProvider.Postgres : StorageProvider.Sqlite;

    private static DbConnection Open(TestDatabase database) => database.Provider == "Postgres"
        ? new NpgsqlConnection(database.ConnectionString)
        : new SqliteConnection(database.ConnectionString);
}

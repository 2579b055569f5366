using KyodoBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Tests.Storage;

public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kyodobot-sqlite-settings-").FullName;

    [Theory]
    [InlineData("", 30_000)]
    [InlineData(";Default Timeout=5", 5_000)]
    public async Task EveryPooledContext_CommitsWithNormalSync_AndWaitsForALockInsideSqlite(string extra, long busyTimeoutMs)
    {
        await using var services = Services($"Data Source={Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db")}{extra}");
        var contexts = services.GetRequiredService<IDbContextFactory<KyodoDbContext>>();

        // The second context comes from the pool on the same connection: the settings must still hold.
        for (var lease = 0; lease < 2; lease++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            Assert.Equal(1, await PragmaAsync(db, "synchronous")); // NORMAL
            Assert.Equal(busyTimeoutMs, await PragmaAsync(db, "busy_timeout"));
        }
    }

    private static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:KyodoBot"] = connectionString,
        }).Build();
        return new ServiceCollection().AddLogging().AddKyodoStorage(configuration).BuildServiceProvider();
    }

    private static async Task<long> PragmaAsync(KyodoDbContext db, string name)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless.
        }
    }
}

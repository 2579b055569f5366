using Npgsql;

namespace KyodoBot.IntegrationTests.Fakes;

/// <summary>
/// A throw-away database for one test: a SQLite file in a temp folder, or a fresh database on the PostgreSQL server
/// named by <c>KYODOBOT_TEST_POSTGRES</c> (which <c>.ci/run</c> starts). Without that variable PostgreSQL tests are skipped.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "KYODOBOT_TEST_POSTGRES";

    private readonly Func<Task> _drop;

    private TestDatabase(string provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public string Provider { get; }
    public string ConnectionString { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static Task<TestDatabase> CreateAsync(string provider) =>
        provider == "Postgres" ? CreatePostgresAsync() : Task.FromResult(CreateSqlite());

    public static TestDatabase CreateSqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kyodobot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new TestDatabase("Sqlite", $"Data Source={Path.Combine(directory, "kyodobot.db")}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Leftover temp files are harmless.
            }

            return Task.CompletedTask;
        });
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        Skip.If(PostgresServer is null, $"{PostgresVariable} is not set: no PostgreSQL server for this test (.ci/run starts one).");
        var name = "kyodo_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(PostgresServer))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
        return new TestDatabase("Postgres", connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
    }

    public ValueTask DisposeAsync() => new(_drop());
}

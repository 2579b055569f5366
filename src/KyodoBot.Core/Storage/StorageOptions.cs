namespace KyodoBot.Core.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Storage:Provider</c> and <c>ConnectionStrings:KyodoBot</c>.</summary>
public sealed class StorageOptions
{
    public const string DefaultConnectionString = "Data Source=data/kyodobot.db";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>The database in words an operator can act on: the SQLite file, or the PostgreSQL server (never the password).</summary>
    public string Describe()
    {
        if (Provider == StorageProvider.Sqlite)
        {
            return $"the SQLite database {new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        }

        var postgres = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"the PostgreSQL database '{postgres.Database}' on {postgres.Host}:{postgres.Port}" + (postgres.Username is { Length: > 0 } user ? $" as '{user}'" : "");
    }
}

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
}

using KyodoBot.Core.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Storage;

/// <summary>Creates the database if needed and applies pending migrations (at start-up, before the endpoint opens).</summary>
public sealed class DatabaseMigrator(IDbContextFactory<KyodoDbContext> contexts, StorageOptions options, ILogger<DatabaseMigrator> logger) : IDisposable
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _migrated;

    public void Dispose() => _once.Dispose();

    /// <summary>
    /// A database that cannot be opened or migrated (a corrupt file, a directory, a server that does not answer) stops
    /// start-up with one line naming it, as bad configuration does.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // Once per process: the host migrates before it starts (so that a failure is one line, not a hosting error
        // with a stack trace), and the hosted service that also asks finds it done.
        await _once.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            logger.LogInformation("Database: {Database}", options.Describe());
            await MigrateCoreAsync(cancellationToken);
            _migrated = true;
        }
        catch (Exception ex) when (IsStorageFailure(ex) || ex is IOException or UnauthorizedAccessException)
        {
            // Here an I/O failure is the database's too (its folder cannot be created, say).
            throw Unavailable(options, ex);
        }
        finally
        {
            _once.Release();
        }
    }

    /// <summary>
    /// True for a failure of the database itself: its driver's exception anywhere in the chain (Npgsql wraps refused
    /// connections and timeouts in one). Other I/O, such as a verb's output file, is not the database's.
    /// </summary>
    public static bool IsStorageFailure(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One line for the operator: which database, and what its driver said.</summary>
    public static KyodoConfigurationException Unavailable(StorageOptions options, Exception ex)
    {
        var cause = ex;
        while (cause.InnerException is not null && cause is not System.Data.Common.DbException)
        {
            cause = cause.InnerException;
        }

        if (cause is System.Data.Common.DbException { InnerException: { } inner } && cause.Message.Contains("Failed to connect", StringComparison.Ordinal))
        {
            cause = inner;
        }

        return new KyodoConfigurationException(
            $"cannot use {options.Describe()}: {cause.Message.ReplaceLineEndings(" ")} (check 'ConnectionStrings:KyodoBot' and 'Storage:Provider').", ex);
    }

    private async Task MigrateCoreAsync(CancellationToken cancellationToken)
    {
        if (options.Provider == StorageProvider.Sqlite)
        {
            var dataSource = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(directory) && dataSource != ":memory:")
            {
                Directory.CreateDirectory(directory);
            }
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s) on {Provider}: {Migrations}", pending.Count, options.Provider, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (options.Provider == StorageProvider.Sqlite)
        {
            // WAL lets readers and the single writer work at once; it is stored in the file. NORMAL sync (durable
            // across process crashes) is a per-connection setting: SqliteConnectionSettings applies it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}

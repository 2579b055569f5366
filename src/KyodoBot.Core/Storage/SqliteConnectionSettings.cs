using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KyodoBot.Core.Storage;

/// <summary>
/// The SQLite settings that belong to a connection rather than to the file, applied once to every connection the
/// pool opens (WAL itself is stored in the file and set by <see cref="DatabaseMigrator"/>).
/// <list type="bullet">
/// <item><c>synchronous = NORMAL</c>: in WAL mode a commit then survives a crash of the process, and a power loss can
/// lose the last commits but never corrupts the file. SQLite's default, FULL, syncs the disk at every commit, while
/// holding the write lock: measured with the <c>fanout</c> benchmark, about a third of a millisecond of CPU and up to
/// 3 ms of waiting per single-row update, and every other writer queued behind it.</item>
/// <item><c>busy_timeout</c> = the connection's default timeout: a writer that finds the database locked waits
/// inside SQLite, which retries within milliseconds. Without it SQLite answers "busy" at once and
/// Microsoft.Data.Sqlite sleeps a fixed 150 ms before it tries again — in a reminder sweep that posts from several
/// workers at once, about one statement in thirty.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    // Keyed on the native handle, which lives as long as the pooled connection: the pragmas run once per connection,
    // not at every open of a pooled context.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        var busyTimeoutMs = (long)sqlite.DefaultTimeout * 1000;
        command.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = " + busyTimeoutMs.ToString(CultureInfo.InvariantCulture) + ";";
        command.ExecuteNonQuery();
        _configured.AddOrUpdate(handle, this);
    }
}

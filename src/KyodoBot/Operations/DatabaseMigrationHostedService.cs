using KyodoBot.Core.Storage;

namespace KyodoBot.Operations;

/// <summary>Applies migrations before the server accepts requests.</summary>
public sealed class DatabaseMigrationHostedService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

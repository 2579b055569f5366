using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KyodoBot.Core.Storage;

// Used only by `dotnet ef migrations add` (see docs/decisions/0003-storage.md); the app configures contexts in AddKyodoStorage.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKyodoDbContext>
{
    public SqliteKyodoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKyodoDbContext>().UseSqlite(StorageOptions.DefaultConnectionString).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKyodoDbContext>
{
    public PostgresKyodoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKyodoDbContext>().UseNpgsql("Host=localhost;Database=kyodobot").Options);
}

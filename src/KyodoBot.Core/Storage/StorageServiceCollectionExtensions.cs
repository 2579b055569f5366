using KyodoBot.Core.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the database chosen by <c>Storage:Provider</c>; a bad value stops start-up naming the key.</summary>
    public static IServiceCollection AddKyodoStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                services.AddPooledDbContextFactory<SqliteKyodoDbContext>(o => o.UseSqlite(options.ConnectionString)
                    .AddInterceptors(new SqliteConnectionSettings()));
                services.AddSingleton<IDbContextFactory<KyodoDbContext>, KyodoDbContextFactory<SqliteKyodoDbContext>>();
                break;
            case StorageProvider.Postgres:
                services.AddPooledDbContextFactory<PostgresKyodoDbContext>(o => o.UseNpgsql(options.ConnectionString));
                services.AddSingleton<IDbContextFactory<KyodoDbContext>, KyodoDbContextFactory<PostgresKyodoDbContext>>();
                break;
        }

        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<IConversationStore, ConversationStore>();
        return services;
    }

    public static StorageOptions ReadOptions(IConfiguration configuration)
    {
        var providerText = configuration["Storage:Provider"];
        var provider = StorageProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText.Trim(), ignoreCase: true, out provider))
        {
            throw new KyodoConfigurationException(
                $"Configuration key 'Storage:Provider' has the value '{providerText}'; use 'Sqlite' or 'Postgres'.");
        }

        var connectionString = configuration.GetConnectionString("KyodoBot");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == StorageProvider.Postgres)
            {
                throw new KyodoConfigurationException(
                    "Configuration key 'ConnectionStrings:KyodoBot' is required when 'Storage:Provider' is 'Postgres'.");
            }

            connectionString = StorageOptions.DefaultConnectionString;
        }

        try
        {
            if (provider == StorageProvider.Sqlite)
            {
                connectionString = AnchorSqliteFile(connectionString, ContentPaths.Resolve(configuration["Kyodo:ContentRoot"], AppContext.BaseDirectory).Root);
            }
            else
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            }
        }
        catch (ArgumentException ex)
        {
            throw new KyodoConfigurationException($"Configuration key 'ConnectionStrings:KyodoBot' is not a valid {provider} connection string: {ex.Message}", ex);
        }

        return new StorageOptions { Provider = provider, ConnectionString = connectionString };
    }

    /// <summary>
    /// A relative SQLite file is taken from the content root (the checkout, or the published folder), never from the
    /// working directory: the bot, <c>dotnet run</c> from anywhere and a cron job then all use the same file.
    /// </summary>
    internal static string AnchorSqliteFile(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (file.Length == 0 || file == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(file))
        {
            return connectionString;
        }

        builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, file));
        return builder.ConnectionString;
    }
}

/// <summary>Lets stores depend on the abstract <see cref="KyodoDbContext"/> whatever the provider.</summary>
internal sealed class KyodoDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<KyodoDbContext>
    where TContext : KyodoDbContext
{
    public KyodoDbContext CreateDbContext() => inner.CreateDbContext();
}

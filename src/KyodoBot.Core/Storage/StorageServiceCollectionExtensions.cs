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
                _ = new SqliteConnectionStringBuilder(connectionString);
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
}

/// <summary>Lets stores depend on the abstract <see cref="KyodoDbContext"/> whatever the provider.</summary>
internal sealed class KyodoDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<KyodoDbContext>
    where TContext : KyodoDbContext
{
    public KyodoDbContext CreateDbContext() => inner.CreateDbContext();
}

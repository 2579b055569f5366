using System.Reflection;

namespace KyodoBot.Core.Storage.Quartz;

/// <summary>
/// The Quartz.NET ADO job store's tables (<c>qrtz_*</c>), created by the <c>Evaluations</c> migration of each
/// provider. The scripts are idempotent (<c>IF NOT EXISTS</c>), so a database that already has them is left as it is.
/// </summary>
public static class QuartzSchema
{
    /// <summary>The DDL for <paramref name="provider"/>, as one script of several statements.</summary>
    public static string For(StorageProvider provider)
    {
        var name = provider switch
        {
            StorageProvider.Sqlite => "KyodoBot.Core.Storage.Quartz.quartz-sqlite.sql",
            StorageProvider.Postgres => "KyodoBot.Core.Storage.Quartz.quartz-postgres.sql",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No Quartz schema for this provider."),
        };

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from {typeof(QuartzSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

namespace KyodoBot.Core.Storage.Quartz;

/// <summary>The Quartz.NET ADO job store's tables, created by the <c>Evaluations</c> migration of each provider.</summary>
public static class QuartzSchema
{
    public static string For(StorageProvider provider) => "";
}

namespace KyodoBot.Core.Proposals;

/// <summary>The city's fiscal year (年度) starts on 1 April, in Japan time.</summary>
public static class FiscalYear
{
    public static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static int Of(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Tokyo);
        return local.Month >= 4 ? local.Year : local.Year - 1;
    }

    public static string Reference(int fiscalYear, int sequence) => $"KP-{fiscalYear}-{sequence:0000}";
}

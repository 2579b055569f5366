namespace KyodoBot.Bench;

/// <summary>The machine's 1-minute load average (Linux), printed with each figure: the cores may be shared.</summary>
internal static class LoadAverage
{
    public static string Now()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return text.Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}

using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Tests.Evaluations;

internal static class EvaluationTestSupport
{
    public static ContentPaths Content { get; } = ContentPaths.Resolve(null, AppContext.BaseDirectory);

    /// <summary>The checked-in <c>calendar/holidays.yaml</c>.</summary>
    public static HolidayCalendar Holidays { get; } = HolidayCalendar.Load(new EvaluationOptions().HolidayFilePath(Content));

    public static BusinessCalendar Calendar(EvaluationOptions? options = null) => new(Holidays, options ?? new EvaluationOptions());

    public static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A holiday file in a fresh temporary folder, removed afterwards.</summary>
internal sealed class TempHolidayFile : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kyodobot-tests", Guid.NewGuid().ToString("N"));

    public TempHolidayFile(string yaml)
    {
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "holidays.yaml");
        File.WriteAllText(Path, yaml);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KyodoBot.Tests.Evaluations;

public sealed class EvaluationOptionsTests
{
    [Fact]
    public void Bind_NothingConfigured_GivesTheDefaults()
    {
        var options = Bind(Config());

        Assert.Equal(TimeSpan.FromHours(9), options.TimeZone.BaseUtcOffset);
        Assert.Equal(new TimeOnly(9, 0), options.ReminderTime);
        Assert.Equal([7, 0], options.ReminderDaysBefore);
        Assert.Equal(3, options.OverdueBusinessDays);
        Assert.Equal(7, options.EscalationRepeatDays);
        Assert.Equal(7, options.SnoozeDays);
        Assert.Equal(2, options.MaxSnoozes);
        Assert.Null(options.HolidayFile);
        Assert.Equal(TimeSpan.FromSeconds(60), options.SweepInterval);
        Assert.Equal(TimeSpan.FromSeconds(300), options.ClaimLease);
        Assert.Equal(8, options.MaxParallelSends);
    }

    [Fact]
    public void Bind_EverythingConfigured_TakesEachValue()
    {
        var options = Bind(Config(
            ("Evaluation:TimeZone", "Europe/Berlin"),
            ("Evaluation:ReminderTime", "8:30"),
            ("Evaluation:ReminderDaysBefore", "14, 3, 0"),
            ("Evaluation:OverdueBusinessDays", "5"),
            ("Evaluation:EscalationRepeatDays", "14"),
            ("Evaluation:SnoozeDays", "3"),
            ("Evaluation:MaxSnoozes", "0"),
            ("Evaluation:HolidayFile", "calendar/test-holidays.yaml"),
            ("Evaluation:SweepSeconds", "15"),
            ("Evaluation:ClaimLeaseSeconds", "120"),
            ("Evaluation:MaxParallelSends", "2")));

        Assert.Equal("Europe/Berlin", options.TimeZone.Id);
        Assert.Equal(new TimeOnly(8, 30), options.ReminderTime);
        Assert.Equal([14, 3, 0], options.ReminderDaysBefore);
        Assert.Equal(5, options.OverdueBusinessDays);
        Assert.Equal(14, options.EscalationRepeatDays);
        Assert.Equal(3, options.SnoozeDays);
        Assert.Equal(0, options.MaxSnoozes);
        Assert.Equal("calendar/test-holidays.yaml", options.HolidayFile);
        Assert.Equal(TimeSpan.FromSeconds(15), options.SweepInterval);
        Assert.Equal(TimeSpan.FromSeconds(120), options.ClaimLease);
        Assert.Equal(2, options.MaxParallelSends);
    }

    [Fact]
    public void Bind_ReminderDaysBeforeAsArraySection_KeepsTheOrderOfTheIndexes()
    {
        var options = Bind(Config(
            ("Evaluation:ReminderDaysBefore:10", "0"),
            ("Evaluation:ReminderDaysBefore:2", "3"),
            ("Evaluation:ReminderDaysBefore:0", "14")));

        Assert.Equal([14, 3, 0], options.ReminderDaysBefore);
    }

    [Theory]
    [InlineData("Evaluation:TimeZone", "Mars/Olympus_Mons")]
    [InlineData("Evaluation:ReminderTime", "9 o'clock")]
    [InlineData("Evaluation:ReminderTime", "25:00")]
    [InlineData("Evaluation:ReminderDaysBefore", "7,-1")]
    [InlineData("Evaluation:ReminderDaysBefore", "7,61")]
    [InlineData("Evaluation:ReminderDaysBefore", "7,,0")]
    [InlineData("Evaluation:ReminderDaysBefore", "7,0,7")]
    [InlineData("Evaluation:ReminderDaysBefore", "a week")]
    [InlineData("Evaluation:OverdueBusinessDays", "0")]
    [InlineData("Evaluation:OverdueBusinessDays", "three")]
    [InlineData("Evaluation:EscalationRepeatDays", "0")]
    [InlineData("Evaluation:SnoozeDays", "0")]
    [InlineData("Evaluation:MaxSnoozes", "-1")]
    [InlineData("Evaluation:SweepSeconds", "0")]
    [InlineData("Evaluation:SweepSeconds", "1.5")]
    [InlineData("Evaluation:ClaimLeaseSeconds", "0")]
    [InlineData("Evaluation:MaxParallelSends", "0")]
    [InlineData("Evaluation:MaxParallelSends", "65")]
    public void Bind_BadValue_RefusesToStart_NamingTheKey(string key, string value)
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => Bind(Config((key, value))));

        Assert.StartsWith($"Configuration key '{key}' ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_BadValueInArraySection_NamesTheElementKey()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => Bind(Config(
            ("Evaluation:ReminderDaysBefore:0", "7"),
            ("Evaluation:ReminderDaysBefore:1", "7"))));

        Assert.StartsWith("Configuration key 'Evaluation:ReminderDaysBefore:1' lists 7 twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_MisspeltKey_RefusesToStart_NamingIt()
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => Bind(Config(("Evaluation:RemindersTime", "10:00"))));

        Assert.StartsWith("Configuration key 'Evaluation:RemindersTime' is not known", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReminderTime", error.Message);
    }

    [Fact]
    public void Bind_KeysInAnotherCase_AreAccepted()
    {
        var options = Bind(Config(("evaluation:remindertime", "10:00")));

        Assert.Equal(new TimeOnly(10, 0), options.ReminderTime);
    }

    [Fact]
    public void HolidayFilePath_NotConfigured_IsTheCheckedInFileUnderTheContentRoot()
    {
        var paths = new ContentPaths(Path.Combine(Path.GetTempPath(), "kyodo-root"));

        var path = new EvaluationOptions().HolidayFilePath(paths);

        Assert.Equal(Path.Combine(paths.Root, "calendar", "holidays.yaml"), path);
    }

    [Fact]
    public void HolidayFilePath_Relative_IsUnderTheContentRoot_AndAbsoluteStaysAsItIs()
    {
        var paths = new ContentPaths(Path.Combine(Path.GetTempPath(), "kyodo-root"));
        var absolute = Path.Combine(Path.GetTempPath(), "elsewhere", "closures.yaml");

        Assert.Equal(Path.Combine(paths.Root, "city", "closures.yaml"),
            new EvaluationOptions { HolidayFile = Path.Combine("city", "closures.yaml") }.HolidayFilePath(paths));
        Assert.Equal(absolute, new EvaluationOptions { HolidayFile = absolute }.HolidayFilePath(paths));
    }

    [Fact]
    public void StartupValidation_BadValue_FailsNamingTheKey()
    {
        using var provider = Services(Config(("Evaluation:SnoozeDays", "0")));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("Configuration key 'Evaluation:SnoozeDays' must be a whole number of days from 1 to 60", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupValidation_GoodValues_Passes()
    {
        using var provider = Services(Config(("Evaluation:SnoozeDays", "3")));

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(3, provider.GetRequiredService<EvaluationOptions>().SnoozeDays);
    }

    /// <summary>The options as the app builds them: bound from the section, checked by the validator, then typed.</summary>
    private static EvaluationOptions Bind(IConfiguration configuration)
    {
        using var provider = Services(configuration);
        return provider.GetRequiredService<EvaluationOptions>();
    }

    private static ServiceProvider Services(IConfiguration configuration) =>
        new ServiceCollection().AddSingleton(configuration).AddKyodoEvaluationOptions().BuildServiceProvider();

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}

using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Hosting;
using static KyodoBot.Tests.Evaluations.EvaluationTestSupport;

namespace KyodoBot.Tests.Evaluations;

public sealed class HolidayCalendarTests
{
    [Fact]
    public void Load_ListOfEntries_KnowsEachDayAndItsName()
    {
        using var file = new TempHolidayFile("""
            # comment
            - { date: 2027-01-01, name: 元日 }
            - date: 2027-06-01
              name: 市制記念日
            """);

        var holidays = HolidayCalendar.Load(file.Path);

        Assert.Equal([Day("2027-01-01"), Day("2027-06-01")], holidays.Days.Keys);
        Assert.True(holidays.IsHoliday(Day("2027-06-01")));
        Assert.Equal("市制記念日", holidays.NameOf(Day("2027-06-01")));
        Assert.False(holidays.IsHoliday(Day("2027-06-02")));
        Assert.Null(holidays.NameOf(Day("2027-06-02")));
    }

    [Fact]
    public void Load_EntriesOutOfOrder_DaysAreInDateOrder()
    {
        using var file = new TempHolidayFile("""
            - { date: 2027-05-05, name: こどもの日 }
            - { date: 2027-05-03, name: 憲法記念日 }
            """);

        Assert.Equal([Day("2027-05-03"), Day("2027-05-05")], HolidayCalendar.Load(file.Path).Days.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# no closures besides weekends\n")]
    [InlineData("[]\n")]
    public void Load_EmptyFile_HasNoHolidays(string yaml)
    {
        using var file = new TempHolidayFile(yaml);

        Assert.Empty(HolidayCalendar.Load(file.Path).Days);
    }

    [Fact]
    public void Load_MissingFile_NamesTheFileAndTheKey()
    {
        var path = Path.Combine(Path.GetTempPath(), "kyodobot-tests", Guid.NewGuid().ToString("N"), "holidays.yaml");

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("'Evaluation:HolidayFile'", error.Message);
    }

    [Theory]
    [InlineData("2027-02-30")]
    [InlineData("2027/01/01")]
    [InlineData("1 January 2027")]
    [InlineData("2027-1-1")]
    public void Load_BadDate_NamesFileLineAndValue(string date)
    {
        using var file = new TempHolidayFile($"- {{ date: 2027-01-01, name: 元日 }}\n\n- {{ date: {date}, name: 何か }}\n");

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.Contains($"{file.Path}, line 3:", error.Message);
        Assert.Contains($"'{date}'", error.Message);
    }

    [Fact]
    public void Load_DuplicateDate_NamesBothLines()
    {
        using var file = new TempHolidayFile("""
            - { date: 2027-01-01, name: 元日 }
            - { date: 2027-01-02, name: 年末年始休暇 }
            - { date: 2027-01-01, name: 年末年始休暇 }
            """);

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.Contains($"{file.Path}, line 3:", error.Message);
        Assert.Contains("2027-01-01 is already listed on line 1", error.Message);
    }

    [Fact]
    public void Load_MalformedYaml_NamesFileAndLine()
    {
        using var file = new TempHolidayFile("""
            - { date: 2027-01-01, name: 元日 }
            - { date: 2027-01-11, name: 成人の日
            - { date: 2027-02-11, name: 建国記念の日 }
            """);

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.StartsWith($"Holiday file {file.Path}, line 3: this is not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadIndentation_NamesFileAndLine()
    {
        using var file = new TempHolidayFile("""
            - { date: 2027-01-01, name: 元日 }
              - { date: 2027-01-11, name: 成人の日 }
            """);

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.StartsWith($"Holiday file {file.Path}, line 2: this is not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ListOfDates_NamesFileAndLine()
    {
        using var file = new TempHolidayFile("""
            - { date: 2027-01-01, name: 元日 }
            - { date: [2027-01-02, 2027-01-03], name: 年末年始休暇 }
            """);

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.Contains($"{file.Path}, line 2: 'date' must be a single value", error.Message);
    }

    [Fact]
    public void Load_MappingInsteadOfList_NamesFileAndLine()
    {
        using var file = new TempHolidayFile("""
            # closures
            2027-01-01: 元日
            """);

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.Contains($"{file.Path}, line 2: the file must be a list", error.Message);
    }

    [Fact]
    public void Load_EntryThatIsNotAMapping_NamesFileAndLine()
    {
        using var file = new TempHolidayFile("""
            - { date: 2027-01-01, name: 元日 }
            - 2027-01-11 成人の日
            """);

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.Contains($"{file.Path}, line 2: each entry needs a date and a name", error.Message);
    }

    [Fact]
    public void Load_EntryWithoutName_NamesFileAndLine()
    {
        using var file = new TempHolidayFile("""
            - { date: 2027-01-01, name: 元日 }
            - { date: 2027-01-11 }
            """);

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.Contains($"{file.Path}, line 2: the entry for 2027-01-11 has no 'name'", error.Message);
    }

    [Fact]
    public void Load_EntryWithoutDate_NamesFileAndLine()
    {
        using var file = new TempHolidayFile("""
            - { name: 元日 }
            """);

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.Contains($"{file.Path}, line 1: the entry has no 'date'", error.Message);
    }

    [Fact]
    public void Load_MisspeltKey_NamesFileLineAndKey()
    {
        using var file = new TempHolidayFile("""
            - { date: 2027-01-01, name: 元日 }
            - date: 2027-01-11
              nmae: 成人の日
            """);

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.Contains($"{file.Path}, line 3: unknown key 'nmae'", error.Message);
    }

    [Fact]
    public void Load_SecondYamlDocument_NamesFileAndLine()
    {
        using var file = new TempHolidayFile("""
            - { date: 2027-01-01, name: 元日 }
            ---
            - { date: 2028-01-01, name: 元日 }
            """);

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.Contains($"{file.Path}, line 3:", error.Message);
    }

    [Fact]
    public void Load_EmptyFirstDocumentThenASecond_NamesFileAndLine()
    {
        using var file = new TempHolidayFile("""
            ---
            ---
            - { date: 2028-01-01, name: 元日 }
            """);

        var error = Assert.Throws<KyodoConfigurationException>(() => HolidayCalendar.Load(file.Path));

        Assert.Contains($"{file.Path}, line 3: the file holds more than one YAML document", error.Message);
    }

    [Fact]
    public void CheckedInFile_KnowsNationalHolidaysAndTheSubstituteDays()
    {
        Assert.Equal("元日", Holidays.NameOf(Day("2027-01-01")));
        Assert.Equal("勤労感謝の日", Holidays.NameOf(Day("2026-11-23")));
        Assert.Equal("振替休日", Holidays.NameOf(Day("2026-05-06")));
        Assert.Equal("国民の休日", Holidays.NameOf(Day("2026-09-22")));
        Assert.Equal("振替休日", Holidays.NameOf(Day("2027-03-22")));
        Assert.Equal("春分の日", Holidays.NameOf(Day("2028-03-20")));
        Assert.Equal("秋分の日", Holidays.NameOf(Day("2028-09-22")));
        Assert.False(Holidays.IsHoliday(Day("2026-05-07")));
    }

    [Theory]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2028)]
    public void CheckedInFile_ListsEveryFixedHolidayAndTheYearEndClosure(int year)
    {
        (int Month, int Day, string Name)[] fixedDays =
        [
            (1, 1, "元日"), (2, 11, "建国記念の日"), (2, 23, "天皇誕生日"), (4, 29, "昭和の日"), (5, 3, "憲法記念日"),
            (5, 4, "みどりの日"), (5, 5, "こどもの日"), (8, 11, "山の日"), (11, 3, "文化の日"), (11, 23, "勤労感謝の日"),
            (1, 2, "年末年始休暇"), (1, 3, "年末年始休暇"), (12, 29, "年末年始休暇"), (12, 30, "年末年始休暇"), (12, 31, "年末年始休暇"),
        ];

        foreach (var (month, day, name) in fixedDays)
        {
            Assert.Equal(name, Holidays.NameOf(new DateOnly(year, month, day)));
        }
    }

    [Theory]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2028)]
    public void CheckedInFile_HappyMondaysFallOnTheRightMonday(int year)
    {
        static DateOnly NthMonday(int year, int month, int n)
        {
            var first = new DateOnly(year, month, 1);
            return first.AddDays((7 + DayOfWeek.Monday - first.DayOfWeek) % 7 + 7 * (n - 1));
        }

        Assert.Equal("成人の日", Holidays.NameOf(NthMonday(year, 1, 2)));
        Assert.Equal("海の日", Holidays.NameOf(NthMonday(year, 7, 3)));
        Assert.Equal("敬老の日", Holidays.NameOf(NthMonday(year, 9, 3)));
        Assert.Equal("スポーツの日", Holidays.NameOf(NthMonday(year, 10, 2)));
    }

    [Fact]
    public void CheckedInFile_EverySubstituteHolidayFollowsASundayHoliday()
    {
        var substitutes = Holidays.Days.Where(d => d.Value == "振替休日").Select(d => d.Key).ToList();

        Assert.Equal([Day("2026-05-06"), Day("2027-03-22")], substitutes);
        foreach (var day in substitutes)
        {
            var holidaysBefore = new List<DateOnly>();
            for (var d = day.AddDays(-1); Holidays.IsHoliday(d); d = d.AddDays(-1))
            {
                holidaysBefore.Add(d);
            }

            Assert.Contains(holidaysBefore, d => d.DayOfWeek == DayOfWeek.Sunday);
        }
    }

    [Fact]
    public void CheckedInFile_EveryCitizensHolidayLiesBetweenTwoHolidays()
    {
        var between = Holidays.Days.Where(d => d.Value == "国民の休日").Select(d => d.Key).ToList();

        Assert.Equal([Day("2026-09-22")], between);
        Assert.All(between, day => Assert.True(Holidays.IsHoliday(day.AddDays(-1)) && Holidays.IsHoliday(day.AddDays(1))));
    }
}

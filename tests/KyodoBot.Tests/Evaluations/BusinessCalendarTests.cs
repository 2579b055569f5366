using KyodoBot.Core.Evaluations;
using Microsoft.Extensions.Time.Testing;
using static KyodoBot.Tests.Evaluations.EvaluationTestSupport;

namespace KyodoBot.Tests.Evaluations;

public sealed class BusinessCalendarTests
{
    private readonly BusinessCalendar _calendar = Calendar();

    [Theory]
    [InlineData("2026-11-27", true)]  // Friday
    [InlineData("2026-11-28", false)] // Saturday
    [InlineData("2026-11-29", false)] // Sunday
    [InlineData("2026-11-23", false)] // Monday, 勤労感謝の日
    [InlineData("2026-11-24", true)]  // Tuesday
    [InlineData("2026-12-29", false)] // Tuesday, year-end closure
    public void IsBusinessDay_WeekdaysThatAreNotHolidays(string day, bool expected)
    {
        Assert.Equal(expected, _calendar.IsBusinessDay(Day(day)));
    }

    [Theory]
    [InlineData("2026-11-27", "2026-11-27")] // a business day stays
    [InlineData("2026-11-29", "2026-11-27")] // Sunday → Friday
    [InlineData("2026-11-23", "2026-11-20")] // holiday Monday → Friday
    [InlineData("2026-05-06", "2026-05-01")] // Golden Week: 5/2 Sat … 5/6 振替休日 → Friday 5/1
    [InlineData("2026-04-29", "2026-04-28")] // 昭和の日
    [InlineData("2027-01-03", "2026-12-28")] // year-end closure 12/29–1/3
    [InlineData("2028-01-03", "2027-12-28")]
    [InlineData("2027-03-22", "2027-03-19")] // 振替休日 for 春分の日 on Sunday
    public void OnOrBefore_MovesBackToTheLastBusinessDay(string day, string expected)
    {
        Assert.Equal(Day(expected), _calendar.OnOrBefore(Day(day)));
    }

    [Theory]
    [InlineData("2026-11-27", "2026-11-27")]
    [InlineData("2026-11-21", "2026-11-24")] // Saturday, then the holiday Monday → Tuesday
    [InlineData("2026-05-02", "2026-05-07")] // Golden Week
    [InlineData("2026-12-29", "2027-01-04")] // year-end closure
    [InlineData("2027-12-29", "2028-01-04")]
    [InlineData("2026-09-19", "2026-09-24")] // Silver Week: 9/19 Sat … 9/23 秋分の日
    public void OnOrAfter_MovesForwardToTheNextBusinessDay(string day, string expected)
    {
        Assert.Equal(Day(expected), _calendar.OnOrAfter(Day(day)));
    }

    [Theory]
    [InlineData("2026-11-20", 1, "2026-11-24")] // Friday + 1 skips the weekend and 勤労感謝の日
    [InlineData("2026-11-20", 3, "2026-11-26")]
    [InlineData("2026-11-24", 3, "2026-11-27")]
    [InlineData("2026-04-28", 1, "2026-04-30")] // over 昭和の日
    [InlineData("2026-04-28", 3, "2026-05-07")] // over Golden Week
    [InlineData("2026-12-25", 1, "2026-12-28")]
    [InlineData("2026-12-25", 2, "2027-01-04")] // over the year-end closure
    [InlineData("2026-11-28", 3, "2026-12-02")] // counted from a Saturday: Mon 11/30, Tue 12/1, Wed 12/2
    [InlineData("2026-11-29", 0, "2026-11-29")] // 0 is the day itself, business day or not
    public void AddBusinessDays_CountsOnlyBusinessDaysAfterTheDay(string day, int n, string expected)
    {
        Assert.Equal(Day(expected), _calendar.AddBusinessDays(Day(day), n));
    }

    [Fact]
    public void AddBusinessDays_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.AddBusinessDays(Day("2026-11-20"), -1));
    }

    [Theory]
    [InlineData("2027-01-15")]
    [InlineData("2027-07-15")] // Japan has no daylight saving time: the same offset in summer
    public void At_IsNineInTheMorningJapanTime_MidnightUtc(string day)
    {
        var at = _calendar.At(Day(day));

        Assert.Equal(new DateTimeOffset(Day(day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), at.ToUniversalTime());
        Assert.Equal(new TimeSpan(9, 0, 0), at.Offset);
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(at.DateTime));
    }

    [Fact]
    public void At_ConfiguredReminderTime_IsUsed()
    {
        var calendar = Calendar(new EvaluationOptions { ReminderTime = new TimeOnly(13, 30) });

        Assert.Equal(DateTimeOffset.Parse("2027-01-15T04:30:00Z", System.Globalization.CultureInfo.InvariantCulture),
            calendar.At(Day("2027-01-15")));
    }

    [Theory]
    [InlineData("2027-01-15", "2027-01-15T08:00:00Z")] // CET, UTC+1
    [InlineData("2027-07-15", "2027-07-15T07:00:00Z")] // CEST, UTC+2
    public void At_OtherZone_FollowsItsDaylightSavingTime(string day, string expectedUtc)
    {
        var calendar = Calendar(new EvaluationOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") });

        var at = calendar.At(Day(day));

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(at.DateTime));
    }

    [Fact]
    public void At_TimeSkippedBySpringForward_IsTheSameTimeAfterTheJump()
    {
        // New York moves from 02:00 EST to 03:00 EDT on 14 March 2027: 02:30 does not exist that day.
        var calendar = Calendar(new EvaluationOptions
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
            ReminderTime = new TimeOnly(2, 30),
        });

        var at = calendar.At(Day("2027-03-14"));

        Assert.Equal(DateTimeOffset.Parse("2027-03-14T07:30:00Z", System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(TimeSpan.FromHours(-4), at.Offset);
    }

    [Fact]
    public void At_TimeRepeatedByFallBack_IsTheFirstOfTheTwo()
    {
        // New York moves from 02:00 EDT back to 01:00 EST on 7 November 2027: 01:30 happens twice.
        var calendar = Calendar(new EvaluationOptions
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
            ReminderTime = new TimeOnly(1, 30),
        });

        Assert.Equal(DateTimeOffset.Parse("2027-11-07T05:30:00Z", System.Globalization.CultureInfo.InvariantCulture),
            calendar.At(Day("2027-11-07")));
    }

    [Theory]
    [InlineData("2026-12-27T14:59:59Z", "2026-12-27")]
    [InlineData("2026-12-27T15:00:00Z", "2026-12-28")] // midnight in Tokyo, still the 27th in UTC
    public void LocalDate_IsTheDateInTokyo(string instant, string expected)
    {
        Assert.Equal(Day(expected), _calendar.LocalDate(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Today_TurnsAtMidnightInTokyo()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 23, 59, 0, TimeSpan.FromHours(9)));

        Assert.Equal(Day("2026-11-29"), _calendar.Today(time));

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(Day("2026-11-30"), _calendar.Today(time));
    }
}

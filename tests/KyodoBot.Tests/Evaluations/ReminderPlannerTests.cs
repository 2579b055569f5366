using KyodoBot.Core.Evaluations;
using Microsoft.Extensions.Time.Testing;
using static KyodoBot.Tests.Evaluations.EvaluationTestSupport;

namespace KyodoBot.Tests.Evaluations;

public sealed class ReminderPlannerTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    private static ReminderPlanner Planner(EvaluationOptions? options = null)
    {
        options ??= new EvaluationOptions();
        return new ReminderPlanner(Calendar(options), options);
    }

    private static PlannedReminder Expected(ReminderKind kind, string day) =>
        new(kind, Day(day), new DateTimeOffset(Day(day).ToDateTime(new TimeOnly(9, 0)), Jst));

    [Fact]
    public void Plan_OrdinaryTuesday_WeekBefore_DueDay_ThenOverdueThreeBusinessDaysAfter()
    {
        var plan = Planner().Plan(Day("2027-06-15"));

        Assert.Equal(
        [
            Expected(ReminderKind.Advance, "2027-06-08"),
            Expected(ReminderKind.DueDay, "2027-06-15"),
            Expected(ReminderKind.Overdue, "2027-06-18"),
        ], plan);
    }

    [Fact]
    public void Plan_SendsAtNineJapanTime_MidnightUtc()
    {
        var plan = Planner().Plan(Day("2027-06-15"));

        Assert.Equal(new DateTimeOffset(2027, 6, 8, 0, 0, 0, TimeSpan.Zero), plan[0].SendAt);
    }

    [Fact]
    public void Plan_DueOnAHolidayMonday_DueDayReminderComesTheFridayBefore()
    {
        // 2026-11-23 is 勤労感謝の日; overdue counts Tue 24, Wed 25, Thu 26.
        var plan = Planner().Plan(Day("2026-11-23"));

        Assert.Equal(
        [
            Expected(ReminderKind.Advance, "2026-11-16"),
            Expected(ReminderKind.DueDay, "2026-11-20"),
            Expected(ReminderKind.Overdue, "2026-11-26"),
        ], plan);
    }

    [Fact]
    public void Plan_DueInGoldenWeek_RemindersMoveBeforeTheHolidays_OverdueAfterThem()
    {
        // Due 2026-05-06 (振替休日): a week before is 4/29 (昭和の日) → 4/28; the due day → Friday 5/1;
        // overdue: 5/7, 5/8, then Monday 5/11.
        var plan = Planner().Plan(Day("2026-05-06"));

        Assert.Equal(
        [
            Expected(ReminderKind.Advance, "2026-04-28"),
            Expected(ReminderKind.DueDay, "2026-05-01"),
            Expected(ReminderKind.Overdue, "2026-05-11"),
        ], plan);
    }

    [Fact]
    public void Plan_DueOnNewYearsDay_DueDayReminderBeforeTheYearEndClosure()
    {
        var plan = Planner().Plan(Day("2027-01-01"));

        Assert.Equal(
        [
            Expected(ReminderKind.Advance, "2026-12-25"),
            Expected(ReminderKind.DueDay, "2026-12-28"),
            Expected(ReminderKind.Overdue, "2027-01-06"),
        ], plan);
    }

    [Fact]
    public void Plan_DueOnASaturday_DueDayOnFriday_OverdueCountedFromTheSaturday()
    {
        var plan = Planner().Plan(Day("2027-06-19"));

        Assert.Equal(
        [
            Expected(ReminderKind.Advance, "2027-06-11"),
            Expected(ReminderKind.DueDay, "2027-06-18"),
            Expected(ReminderKind.Overdue, "2027-06-23"),
        ], plan);
    }

    [Fact]
    public void Plan_TwoRemindersMovedOntoOneDay_OnlyOneCardThatDay()
    {
        // 3 days before Monday 2026-11-23 is Friday 11/20, where the due-day reminder also lands.
        var planner = Planner(new EvaluationOptions { ReminderDaysBefore = [3, 0] });

        var plan = planner.Plan(Day("2026-11-23"));

        Assert.Equal([Expected(ReminderKind.Advance, "2026-11-20"), Expected(ReminderKind.Overdue, "2026-11-26")], plan);
    }

    [Fact]
    public void Plan_TwoAdvanceRemindersMovedOntoOneDay_OnlyOneCardThatDay()
    {
        // 7 and 6 days before Saturday 2027-05-08 are Saturday 5/1 and Sunday 5/2; both move to Friday 4/30.
        var planner = Planner(new EvaluationOptions { ReminderDaysBefore = [7, 6, 0] });

        var plan = planner.Plan(Day("2027-05-08"));

        Assert.Equal(
        [
            Expected(ReminderKind.Advance, "2027-04-30"),
            Expected(ReminderKind.DueDay, "2027-05-07"),
            Expected(ReminderKind.Overdue, "2027-05-12"),
        ], plan);
    }

    [Fact]
    public void Plan_ConfiguredDaysInAnyOrder_IsSortedBySendTime()
    {
        var planner = Planner(new EvaluationOptions { ReminderDaysBefore = [0, 14, 3] });

        var plan = planner.Plan(Day("2027-06-15"));

        Assert.Equal(["2027-06-01", "2027-06-11", "2027-06-15", "2027-06-18"], plan.Select(r => r.Day.ToString("yyyy-MM-dd", null)));
        Assert.Equal([ReminderKind.Advance, ReminderKind.Advance, ReminderKind.DueDay, ReminderKind.Overdue], plan.Select(r => r.Kind));
    }

    [Fact]
    public void Plan_OtherZone_SendsAtTheReminderTimeThere()
    {
        var options = new EvaluationOptions
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
            ReminderTime = new TimeOnly(8, 0),
        };

        var plan = Planner(options).Plan(Day("2027-06-15"));

        Assert.Equal(new DateTimeOffset(2027, 6, 15, 6, 0, 0, TimeSpan.Zero), plan.Single(r => r.Kind == ReminderKind.DueDay).SendAt);
    }

    [Theory]
    [InlineData("2027-06-10", "2027-06-17")] // Thursday + 7 is a business day
    [InlineData("2026-12-24", "2027-01-04")] // + 7 is 12/31, in the year-end closure → the first day after it
    [InlineData("2027-04-28", "2027-05-06")] // + 7 is 5/5 こどもの日 → Thursday 5/6, never earlier
    public void NextEscalation_AWeekLater_MovedForwardToABusinessDay(string last, string expected)
    {
        Assert.Equal(Expected(ReminderKind.Overdue, expected), Planner().NextEscalation(Day(last)));
    }

    [Theory]
    [InlineData("2026-11-25", false)]
    [InlineData("2026-11-26", true)] // due Fri 11/20: Tue 24, Wed 25, Thu 26 (Mon 23 is a holiday)
    [InlineData("2026-12-10", true)]
    public void IsOverdue_FromTheThirdBusinessDayAfterTheDueDate(string today, bool expected)
    {
        Assert.Equal(expected, Planner().IsOverdue(Day("2026-11-20"), Day(today)));
    }

    [Fact]
    public void IsOverdue_WithTheClock_TurnsAtMidnightInTokyo()
    {
        var calendar = Calendar();
        var planner = Planner();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 23, 59, 0, Jst));

        Assert.False(planner.IsOverdue(Day("2026-11-20"), calendar.Today(time)));

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(planner.IsOverdue(Day("2026-11-20"), calendar.Today(time)));
    }
}

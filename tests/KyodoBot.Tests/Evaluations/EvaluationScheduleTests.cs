using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Evaluations;
using static KyodoBot.Tests.Evaluations.EvaluationTestSupport;

namespace KyodoBot.Tests.Evaluations;

public sealed class EvaluationScheduleTests
{
    [Fact]
    public void Quarterly_OverTheLongestPeriod_IsTheMostEvaluations()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Quarterly, new DateOnly(2027, 4, 1), new DateOnly(2037, 4, 1), []);

        Assert.Equal(EvaluationSchedule.MaxEvaluations, dues.Count);
        Assert.Equal(ScheduleProblem.None, EvaluationSchedule.Check(new DateOnly(2027, 4, 1), new DateOnly(2037, 4, 1), []));
    }

    [Fact]
    public void EndIn2999_IsRefusedByCheck_AndNeverMakesMoreThanTheMost()
    {
        var start = new DateOnly(2026, 12, 1);
        var end = new DateOnly(2999, 12, 31);

        var dues = EvaluationSchedule.DueDates(ScheduleKind.Quarterly, start, end, []);
        var given = EvaluationSchedule.DueDates(ScheduleKind.Dates, start, end, Enumerable.Range(1, 500).Select(i => start.AddDays(i)).ToList());

        Assert.Equal(ScheduleProblem.PeriodTooLong, EvaluationSchedule.Check(start, end, []));
        Assert.Equal(ScheduleProblem.TooManyDates, EvaluationSchedule.Check(start, start.AddYears(1), Enumerable.Range(1, 40).Select(i => start.AddDays(i)).ToList()));
        Assert.Equal(EvaluationSchedule.MaxEvaluations, dues.Count);
        Assert.Equal(EvaluationSchedule.MaxEvaluations, given.Count);
        Assert.True(dues[^1].IsFinal && given[^1].IsFinal);
        Assert.Equal(end, dues[^1].Date);
    }

    [Fact]
    public void Quarterly_OneFiscalYear_EveryThreeMonthsThenFinalOnTheEndDate()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Quarterly, Day("2027-04-01"), Day("2028-03-31"), []);

        Assert.Equal(
        [
            new ScheduledDue(Day("2027-07-01"), false),
            new ScheduledDue(Day("2027-10-01"), false),
            new ScheduledDue(Day("2028-01-01"), false),
            new ScheduledDue(Day("2028-03-31"), true),
        ], dues);
    }

    [Fact]
    public void Quarterly_StartingOnAMonthEnd_CountsEachDateFromTheStart()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Quarterly, Day("2027-01-31"), Day("2028-01-31"), []);

        // Not 30 Apr → 30 Jul → 30 Oct: each is start + 3k months, clamped to the month's end.
        Assert.Equal(
        [
            new ScheduledDue(Day("2027-04-30"), false),
            new ScheduledDue(Day("2027-07-31"), false),
            new ScheduledDue(Day("2027-10-31"), false),
            new ScheduledDue(Day("2028-01-31"), true),
        ], dues);
    }

    [Fact]
    public void Semiannual_ReachesALeapDay()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Semiannual, Day("2027-08-31"), Day("2028-12-31"), []);

        Assert.Equal(
        [
            new ScheduledDue(Day("2028-02-29"), false),
            new ScheduledDue(Day("2028-08-31"), false),
            new ScheduledDue(Day("2028-12-31"), true),
        ], dues);
    }

    [Fact]
    public void Annual_StartingOnALeapDay_FallsOnTheLastDayOfFebruary()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Annual, Day("2028-02-29"), Day("2030-03-31"), []);

        Assert.Equal(
        [
            new ScheduledDue(Day("2029-02-28"), false),
            new ScheduledDue(Day("2030-02-28"), false),
            new ScheduledDue(Day("2030-03-31"), true),
        ], dues);
    }

    [Fact]
    public void Annual_PeriodEndingExactlyOnTheEndDate_GivesOnlyTheFinalThere()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Annual, Day("2027-04-01"), Day("2029-04-01"), []);

        Assert.Equal([new ScheduledDue(Day("2028-04-01"), false), new ScheduledDue(Day("2029-04-01"), true)], dues);
    }

    [Fact]
    public void Annual_ProjectShorterThanAYear_OnlyTheFinal()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Annual, Day("2027-04-01"), Day("2027-12-31"), []);

        Assert.Equal([new ScheduledDue(Day("2027-12-31"), true)], dues);
    }

    [Fact]
    public void Periodic_IgnoresTheGivenDates()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Semiannual, Day("2027-04-01"), Day("2028-03-31"), [Day("2027-05-15")]);

        Assert.Equal([new ScheduledDue(Day("2027-10-01"), false), new ScheduledDue(Day("2028-03-31"), true)], dues);
    }

    [Fact]
    public void Dates_SortedAndDistinct_DatesBeforeTheStartDropped_FinalOnTheEndDate()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Dates, Day("2027-04-01"), Day("2028-03-31"),
            [Day("2027-09-30"), Day("2027-03-01"), Day("2027-06-30"), Day("2027-09-30")]);

        Assert.Equal(
        [
            new ScheduledDue(Day("2027-06-30"), false),
            new ScheduledDue(Day("2027-09-30"), false),
            new ScheduledDue(Day("2028-03-31"), true),
        ], dues);
    }

    [Fact]
    public void Dates_OneOnTheEndDate_IsTheFinal()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Dates, Day("2027-04-01"), Day("2028-03-31"),
            [Day("2028-03-31"), Day("2027-10-15")]);

        Assert.Equal([new ScheduledDue(Day("2027-10-15"), false), new ScheduledDue(Day("2028-03-31"), true)], dues);
    }

    [Fact]
    public void Dates_AfterTheEndDate_TheFirstIsTheFinalAndTheRestAreDropped()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Dates, Day("2027-04-01"), Day("2028-03-31"),
            [Day("2028-05-01"), Day("2027-10-15"), Day("2028-04-15")]);

        Assert.Equal([new ScheduledDue(Day("2027-10-15"), false), new ScheduledDue(Day("2028-04-15"), true)], dues);
    }

    [Fact]
    public void Dates_OnTheStartDate_IsKept()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Dates, Day("2027-04-01"), Day("2027-09-30"), [Day("2027-04-01")]);

        Assert.Equal([new ScheduledDue(Day("2027-04-01"), false), new ScheduledDue(Day("2027-09-30"), true)], dues);
    }

    [Fact]
    public void NoSchedule_DatesWithNone_OnlyTheFinalOnTheEndDate()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Dates, Day("2027-04-01"), Day("2028-03-31"), []);

        Assert.Equal([new ScheduledDue(Day("2028-03-31"), true)], dues);
    }

    [Fact]
    public void OneDayProject_OnlyTheFinal()
    {
        var dues = EvaluationSchedule.DueDates(ScheduleKind.Quarterly, Day("2027-04-01"), Day("2027-04-01"), []);

        Assert.Equal([new ScheduledDue(Day("2027-04-01"), true)], dues);
    }

    [Fact]
    public void EndBeforeStart_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            EvaluationSchedule.DueDates(ScheduleKind.Annual, Day("2027-04-01"), Day("2027-03-31"), []));
    }

    [Theory]
    [InlineData("quarterly", ScheduleKind.Quarterly)]
    [InlineData(" Semiannual ", ScheduleKind.Semiannual)]
    [InlineData("ANNUAL", ScheduleKind.Annual)]
    [InlineData("dates", ScheduleKind.Dates)]
    public void TryParse_TheDialogsChoiceValues(string value, ScheduleKind expected)
    {
        Assert.True(ScheduleKinds.TryParse(value, out var kind));
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void TryParse_EveryChoiceOfTheProposalDialog_IsAKind()
    {
        var dialog = DialogDefinitionLoader.LoadFile(Path.Combine(Content.Dialogs, "proposal-intake.yaml"));
        var choices = dialog.Sections.SelectMany(s => s.Fields).Single(f => f.Id == "evaluationSchedule").Choices;

        Assert.Equal(4, choices.Count);
        Assert.All(choices, choice => Assert.True(ScheduleKinds.TryParse(choice.Value, out _), choice.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("monthly")]
    [InlineData("0")]
    [InlineData("1")]
    public void TryParse_AnythingElse_IsRefused(string? value)
    {
        Assert.False(ScheduleKinds.TryParse(value, out _));
    }

    [Theory]
    [InlineData(ScheduleKind.Quarterly, "quarterly")]
    [InlineData(ScheduleKind.Semiannual, "semiannual")]
    [InlineData(ScheduleKind.Annual, "annual")]
    [InlineData(ScheduleKind.Dates, "dates")]
    public void ToValue_IsTheDialogsChoiceValue_AndParsesBack(ScheduleKind kind, string value)
    {
        Assert.Equal(value, kind.ToValue());
        Assert.True(ScheduleKinds.TryParse(kind.ToValue(), out var back));
        Assert.Equal(kind, back);
    }
}

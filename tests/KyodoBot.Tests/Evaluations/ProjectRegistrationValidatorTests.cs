using KyodoBot.Core.Evaluations;

namespace KyodoBot.Tests.Evaluations;

public sealed class ProjectRegistrationValidatorTests
{
    [Fact]
    public void Validate_GoodRequest_GivesTheRegistration()
    {
        var (registration, problems) = ProjectRegistrationValidator.Validate(Request() with { Schedule = "dates", Dates = "2027-10-01、2028/1/15", Reference = "pj-2026-0007" });

        Assert.Empty(problems);
        Assert.NotNull(registration);
        Assert.Equal([new DateOnly(2027, 10, 1), new DateOnly(2028, 1, 15)], registration.Dates);
        Assert.Equal(ScheduleKind.Dates, registration.Schedule);
        Assert.Equal("PJ-2026-0007", registration.Reference);
        Assert.Equal(new DateOnly(2027, 4, 1), registration.StartDate);
    }

    [Fact]
    public void Validate_OneUnreadableEvaluationDate_IsRefused_NamingIt()
    {
        var (registration, problems) = ProjectRegistrationValidator.Validate(Request() with { Dates = "2027-10-01, someday" });

        Assert.Null(registration);
        Assert.Equal([new RegistrationProblem(RegistrationProblemKind.BadDates, "someday")], problems);
    }

    [Theory]
    [InlineData("", "2028-03-31", RegistrationProblemKind.MissingStartDate)]
    [InlineData("April", "2028-03-31", RegistrationProblemKind.BadStartDate)]
    [InlineData("2027-04-01", "2026-04-01", RegistrationProblemKind.EndBeforeStart)]
    [InlineData("2027-04-01", "2999-12-31", RegistrationProblemKind.PeriodTooLong)]
    public void Validate_BadPeriod_IsRefused(string start, string end, RegistrationProblemKind expected)
    {
        var (registration, problems) = ProjectRegistrationValidator.Validate(Request() with { StartDate = start, EndDate = end });

        Assert.Null(registration);
        Assert.Equal(expected, Assert.Single(problems).Kind);
    }

    [Fact]
    public void Validate_DatesScheduleWithoutDates_AsksForThem_OnlyWhenNothingElseIsWrong()
    {
        var alone = ProjectRegistrationValidator.Validate(Request() with { Schedule = "dates" }).Problems;
        var withOthers = ProjectRegistrationValidator.Validate(Request() with { Schedule = "dates", Title = "" }).Problems;

        Assert.Equal(RegistrationProblemKind.DatesRequired, Assert.Single(alone).Kind);
        Assert.Equal(RegistrationProblemKind.MissingTitle, Assert.Single(withOthers).Kind);
    }

    [Fact]
    public void Validate_BadScheduleAndReference_AreBothNamed()
    {
        var problems = ProjectRegistrationValidator.Validate(Request() with { Schedule = "weekly", Reference = "abc" }).Problems;

        Assert.Equal([new RegistrationProblem(RegistrationProblemKind.BadSchedule, "weekly"), new RegistrationProblem(RegistrationProblemKind.BadReference, "abc")], problems);
    }

    private static RegistrationRequest Request() =>
        new("見守り事業", "町内会", "市民活動推進課", "2027-04-01", "2028-03-31", PublicFunds: true, "annual", "", "test");
}

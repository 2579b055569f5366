using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Core.Proposals;

/// <summary>
/// The contract between the code and <c>dialogs/proposal-intake.yaml</c> (ADR 0010): the field ids the bot reads from
/// a proposal's answers. Everything else in the intake is data an office may change; renaming one of these in the
/// YAML stops start-up (<see cref="Check"/>) instead of leaving a proposal without its title or a project without its
/// evaluation schedule.
/// </summary>
public static class ProposalIntakeFields
{
    /// <summary>The proposal's title (<see cref="ProposalService"/>).</summary>
    public const string Title = "projectName";

    /// <summary>The partner organisation (<see cref="ProposalService"/>).</summary>
    public const string Organization = "orgName";

    /// <summary>The project's period, from which its evaluations are planned (<c>ProjectService</c>).</summary>
    public const string StartDate = "startDate";

    /// <inheritdoc cref="StartDate"/>
    public const string EndDate = "endDate";

    /// <summary>Whether public money is spent (<c>ProjectService</c>).</summary>
    public const string PublicFunds = "publicFunds";

    /// <summary>The evaluation schedule and its dates (<c>ProjectService</c>).</summary>
    public const string EvaluationSchedule = "evaluationSchedule";

    /// <inheritdoc cref="EvaluationSchedule"/>
    public const string EvaluationDates = "evaluationDates";

    public static IReadOnlyList<string> All { get; } = [Title, Organization, StartDate, EndDate, PublicFunds, EvaluationSchedule, EvaluationDates];

    /// <summary>
    /// Stops start-up, naming the file and the id, when the intake lacks a field the code reads (or the department
    /// field, which is found by its type).
    /// </summary>
    public static void Check(DialogCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!catalog.TryGet(DialogCatalog.ProposalIntake, out var intake))
        {
            throw new KyodoConfigurationException($"No dialog definition has the id '{DialogCatalog.ProposalIntake}'; the proposal intake needs it (dialogs/proposal-intake.yaml).");
        }

        if (All.FirstOrDefault(id => intake.Field(id) is null) is { } missing)
        {
            throw new KyodoConfigurationException(
                $"Dialog definition {intake.Source} has no field '{missing}', which the bot reads from every proposal; the intake must keep the ids " +
                string.Join(", ", All) + " (ProposalIntakeFields, ADR 0010).");
        }

        if (!intake.Sections.SelectMany(s => s.Fields).Any(f => f.Type == FieldType.Department))
        {
            throw new KyodoConfigurationException(
                $"Dialog definition {intake.Source} has no field of type 'department'; the bot routes each proposal to the department it names.");
        }
    }
}

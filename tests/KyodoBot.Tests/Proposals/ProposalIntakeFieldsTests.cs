using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Hosting;
using KyodoBot.Core.Proposals;
using KyodoBot.Tests.Dialogs;

namespace KyodoBot.Tests.Proposals;

public sealed class ProposalIntakeFieldsTests
{
    [Fact]
    public void Check_TheRepositorysIntake_HasEveryFieldTheCodeReads()
    {
        ProposalIntakeFields.Check(DialogCatalog.FromDefinitions([DialogTestSupport.Proposal]));

        Assert.All(ProposalIntakeFields.All, id => Assert.NotNull(DialogTestSupport.Proposal.Field(id)));
    }

    [Theory]
    [InlineData("orgName")]
    [InlineData("projectName")]
    [InlineData("evaluationDates")]
    public void Check_IntakeWithARenamedField_StopsStartup_NamingTheId(string id)
    {
        var yaml = File.ReadAllText(DialogTestSupport.ProposalFile).Replace($"- id: {id}\n", $"- id: {id}Renamed\n", StringComparison.Ordinal);
        var renamed = DialogDefinitionLoader.Parse("proposal-intake.yaml", yaml);

        var error = Assert.Throws<KyodoConfigurationException>(() => ProposalIntakeFields.Check(DialogCatalog.FromDefinitions([renamed])));

        Assert.Contains($"no field '{id}'", error.Message);
        Assert.Contains("proposal-intake.yaml", error.Message);
    }
}

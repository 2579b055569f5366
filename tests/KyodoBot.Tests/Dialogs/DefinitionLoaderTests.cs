using KyodoBot.Core.Dialogs;
using KyodoBot.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Tests.Dialogs;

public sealed class DefinitionLoaderTests
{
    private const string Source = "dialogs/test.yaml";

    /// <summary>A small valid definition around <paramref name="fields"/> (YAML list items indented by 6).</summary>
    private static string Yaml(string fields) => $$"""
        id: test
        title: { ja: テスト, en: Test }
        principles:
          - number: 6
            name: { ja: 公開の原則, en: disclosure }
            summary: { ja: 公開します。, en: We publish. }
        sections:
          - id: main
            title: { ja: 本体, en: Main }
            fields:
        {{fields}}
        """;

    private static readonly string Name = Field("name", "text");
    private static readonly string Funds = Field("funds", "yesno");
    private static readonly string Start = Field("start", "date");

    private static string Field(string id, string type, string extra = "") => $"""
              - id: {id}
                type: {type}
                label: {"{"} ja: 項目, en: Item {"}"}
                prompt: {"{"} ja: 質問, en: Question {"}"}
                help: {"{"} ja: 説明, en: Help {"}"}
        {extra}
        """;

    private static KyodoConfigurationException Broken(string yaml) =>
        Assert.Throws<KyodoConfigurationException>(() => DialogDefinitionLoader.Parse(Source, yaml));

    private static void AssertProblem(string yaml, string fieldId, params string[] fragments)
    {
        var error = Broken(yaml);
        Assert.Contains(Source, error.Message);
        Assert.Contains($"'{fieldId}'", error.Message);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, error.Message);
        }
    }

    [Fact]
    public void RealProposalDefinition_Loads_WithTheIssuesFields()
    {
        var definition = DialogTestSupport.Proposal;

        Assert.Equal("proposal-intake", definition.Id);
        Assert.Equal(7, definition.Principles.Count);
        Assert.Equal("公開の原則", definition.Principle(6)!.Name.Ja);
        string[] expected =
        [
            "orgName", "orgType", "representative", "email", "phone", "projectName", "purpose", "issue", "description", "outcomes",
            "orgRole", "cityRole", "department", "startDate", "endDate", "publicFunds", "budget", "disclosure", "evaluationSchedule",
            "evaluationDates", "check1", "check2", "check3", "check4", "check5", "check6", "check7",
        ];
        Assert.Equal(expected, definition.Fields.Select(f => f.Id));
        Assert.Equal(["NPO法人", "ボランティア団体", "地域団体", "公益的法人", "企業", "その他"], definition.Field("orgType")!.Choices.Select(c => c.Label.Ja));
        Assert.Equal(["四半期ごと", "半年ごと", "年1回", "日付を指定"], definition.Field("evaluationSchedule")!.Choices.Select(c => c.Label.Ja));
        Assert.Equal(1, definition.Field("purpose")!.Principle);
        Assert.All(["orgRole", "cityRole"], id => Assert.True(definition.Field(id)!.Required));
        Assert.All(["budget", "disclosure", "evaluationSchedule"], id =>
        {
            var field = definition.Field(id)!;
            Assert.True(field.Required);
            Assert.Equal("publicFunds", field.When!.FieldId);
            Assert.Contains("6 公開の原則", field.RequiredReason!.Ja);
        });
        Assert.Equal("startDate", definition.Field("endDate")!.Validation.After!.FieldId);
        Assert.True(definition.Field("startDate")!.Validation.NotBefore!.IsToday);
        Assert.All(definition.Fields.Where(f => f.Id.StartsWith("check", StringComparison.Ordinal)), f => Assert.True(f.Comment));
    }

    [Fact]
    public void Catalog_LoadsTheDialogsFolder()
    {
        var catalog = new DialogCatalog(DialogTestSupport.Content);

        Assert.Equal("proposal-intake", catalog.Get(DialogCatalog.ProposalIntake).Id);
    }

    [Fact]
    public void AddKyodoDialogs_ResolvesTheCatalogAndTheEngine()
    {
        var services = new ServiceCollection()
            .AddSingleton(DialogTestSupport.Content)
            .AddSingleton(DialogTestSupport.Texts)
            .AddKyodoDialogs();
        using var provider = services.BuildServiceProvider(validateScopes: true);

        Assert.NotNull(provider.GetRequiredService<DialogEngine>());
        Assert.NotNull(provider.GetRequiredService<DialogCatalog>().Get(DialogCatalog.ProposalIntake));
    }

    [Fact]
    public void Catalog_DuplicateIdsAcrossFiles_AreRefused()
    {
        var a = DialogDefinitionLoader.Parse("dialogs/a.yaml", Yaml(Name));
        var b = DialogDefinitionLoader.Parse("dialogs/b.yaml", Yaml(Name));

        var error = Assert.Throws<KyodoConfigurationException>(() => DialogCatalog.FromDefinitions([a, b]));

        Assert.Contains("dialogs/a.yaml", error.Message);
        Assert.Contains("dialogs/b.yaml", error.Message);
    }

    [Fact]
    public void MissingFile_IsAConfigurationError() =>
        Assert.Contains("nowhere.yaml", Assert.Throws<KyodoConfigurationException>(() => DialogDefinitionLoader.LoadFile("/nowhere.yaml")).Message);

    [Fact]
    public void SmallValidDefinition_Loads() => Assert.Single(DialogDefinitionLoader.Parse(Source, Yaml(Name)).Fields);

    [Fact]
    public void YamlSyntaxError_NamesFileAndLine()
    {
        var error = Broken("id: test\ntitle: { ja: テスト, en: Test\n");

        Assert.Contains(Source, error.Message);
        Assert.Contains("line", error.Message);
    }

    [Fact]
    public void UnknownKey_NamesTheLine() =>
        Assert.Contains("requird", Broken(Yaml(Name + "        requird: true\n")).Message);

    [Fact]
    public void UnknownType_ListsTheKnownTypes() => AssertProblem(Yaml(Field("x", "number")), "x", "unknown type 'number'", "yen");

    [Fact]
    public void MissingType_IsReported() => AssertProblem(Yaml(Name.Replace("        type: text\n", "", StringComparison.Ordinal)), "name", "'type' is missing");

    [Fact]
    public void DuplicateId_IsReported() => AssertProblem(Yaml(Name + Name), "name", "duplicate field id");

    [Fact]
    public void InvalidId_IsReported() => AssertProblem(Yaml(Field("bad.id", "text")), "bad.id", "may only use letters");

    [Fact]
    public void MissingEnglishText_IsReported() =>
        AssertProblem(Yaml(Name.Replace("help: { ja: 説明, en: Help }", "help: { ja: 説明 }", StringComparison.Ordinal)), "name", "'help'", "'en'");

    [Fact]
    public void MissingPrompt_IsReported() =>
        AssertProblem(Yaml(Name.Replace("        prompt: { ja: 質問, en: Question }\n", "", StringComparison.Ordinal)), "name", "'prompt' is missing");

    [Fact]
    public void ChoiceWithoutChoices_IsReported() => AssertProblem(Yaml(Field("kind", "choice")), "kind", "needs 'choices'");

    [Fact]
    public void ChoicesOnATextField_AreReported() =>
        AssertProblem(Yaml(Field("kind", "text", "        choices:\n          - { value: a, ja: あ, en: A }\n")), "kind", "choice fields only");

    [Fact]
    public void ChoiceWithoutEnglish_IsReported() =>
        AssertProblem(Yaml(Field("kind", "choice", "        choices:\n          - { value: a, ja: あ }\n")), "kind", "choice 'a'", "'en'");

    [Fact]
    public void DuplicateChoiceValue_IsReported() =>
        AssertProblem(Yaml(Field("kind", "choice", "        choices:\n          - { value: a, ja: あ, en: A }\n          - { value: a, ja: い, en: B }\n")), "kind", "duplicate choice value 'a'");

    [Fact]
    public void WhenReferringToAnUnknownField_IsReported() =>
        AssertProblem(Yaml(Field("budget", "yen", "        when: { field: nothing, equals: 'yes' }\n")), "budget", "'nothing'", "not a field defined before");

    [Fact]
    public void WhenReferringToALaterField_IsReported() =>
        AssertProblem(Yaml(Field("budget", "yen", "        when: { field: funds, equals: 'yes' }\n") + Funds), "budget", "'funds'", "not a field defined before");

    [Fact]
    public void WhenWithAValueTheFieldCannotHold_IsReported() =>
        AssertProblem(Yaml(Funds + Field("budget", "yen", "        when: { field: funds, equals: maybe }\n")), "budget", "'maybe'", "yes, no");

    [Fact]
    public void WhenOnATextField_IsReported() =>
        AssertProblem(Yaml(Name + Field("budget", "yen", "        when: { field: name, equals: x }\n")), "budget", "choice or yesno");

    [Fact]
    public void AfterReferringToANonDateField_IsReported() =>
        AssertProblem(Yaml(Name + Field("end", "date", "        validation: { after: name }\n")), "end", "'name'", "not a date field");

    [Fact]
    public void AfterReferringToALaterField_IsReported() =>
        AssertProblem(Yaml(Field("end", "date", "        validation: { after: start }\n") + Start), "end", "'start'", "not a field defined before");

    [Theory]
    [InlineData("{ maxYears: 10 }", "'maxYears' counts from the field named by 'after'")]
    [InlineData("{ notBefore: today, maxYears: 10 }", "'maxYears' counts from the field named by 'after'")]
    [InlineData("{ after: start, maxYears: 0 }", "'maxYears' must be between 1 and 100")]
    public void MaxYearsWithoutAnEarlierDateField_OrOutOfRange_IsReported(string validation, string problem) =>
        AssertProblem(Yaml(Start + Field("end", "date", $"        validation: {validation}\n")), "end", problem);

    [Fact]
    public void MaxYearsAfterAnEarlierDateField_Loads() =>
        Assert.Equal(10, DialogDefinitionLoader.Parse(Source, Yaml(Start + Field("end", "date", "        validation: { after: start, maxYears: 10 }\n")))
            .Field("end")!.Validation.MaxYears);

    [Fact]
    public void DateRuleOnATextField_IsReported() =>
        AssertProblem(Yaml(Field("x", "text", "        validation: { notBefore: today }\n")), "x", "'notBefore' applies to date");

    [Fact]
    public void BadRegex_IsReported() =>
        AssertProblem(Yaml(Field("x", "text", "        validation:\n          pattern: '[a-'\n          patternMessage: { ja: 形式, en: Form }\n")), "x", "not a valid regular expression");

    [Fact]
    public void PatternWithoutMessage_IsReported() =>
        AssertProblem(Yaml(Field("x", "text", "        validation: { pattern: '^a+$' }\n")), "x", "'patternMessage'");

    [Fact]
    public void MinLengthAboveMaxLength_IsReported() =>
        AssertProblem(Yaml(Field("x", "multiline", "        validation: { minLength: 10, maxLength: 5 }\n")), "x", "minLength");

    [Fact]
    public void MinMaxOnANonYenField_IsReported() =>
        AssertProblem(Yaml(Field("x", "text", "        validation: { min: 1 }\n")), "x", "'min' applies to yen");

    [Fact]
    public void UnknownPrinciple_IsReported() => AssertProblem(Yaml(Field("x", "text", "        principle: 9\n")), "x", "'principle' 9");

    [Fact]
    public void RequiredUnlessAnUnknownField_IsReported() =>
        AssertProblem(Yaml(Field("phone", "phone", "        requiredUnless: email\n")), "phone", "'email'");

    [Fact]
    public void CommentOnANonYesNoField_IsReported() => AssertProblem(Yaml(Field("x", "text", "        comment: true\n")), "x", "'comment'");

    [Fact]
    public void AllowOtherOnAChoiceField_IsReported() =>
        AssertProblem(Yaml(Field("x", "choice", "        allowOther: true\n        choices:\n          - { value: a, ja: あ, en: A }\n")), "x", "'allowOther'");

    [Fact]
    public void ChoicesOnADepartmentField_AreReported() =>
        AssertProblem(Yaml(Field("dept", "department", "        choices:\n          - { value: a, ja: あ, en: A }\n")), "dept", "department registry");

    [Fact]
    public void MissingDefinitionId_IsReported() => Assert.Contains("'id' is missing", Broken(Yaml(Name).Replace("id: test\n", "", StringComparison.Ordinal)).Message);

    [Fact]
    public void NoSections_IsReported() => Assert.Contains("'sections'", Broken("id: test\ntitle: { ja: テスト, en: Test }\n").Message);

    [Fact]
    public void EveryProblemIsListed_NotOnlyTheFirst()
    {
        var error = Broken(Yaml(Field("a", "number") + Field("b", "choice")));

        Assert.Contains("'a'", error.Message);
        Assert.Contains("'b'", error.Message);
        Assert.Contains("2 problem(s)", error.Message);
    }
}

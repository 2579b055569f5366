using System.Text.Json.Nodes;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;

namespace KyodoBot.Core.Help;

/// <summary>The welcome card: shown on install and for ヘルプ / help.</summary>
public sealed class WelcomeCard(CardTemplates cards, Texts texts)
{
    // The card depends only on the language: render each once.
    private readonly Lazy<OutgoingMessage> _japanese = new(() => Build(cards, texts, Language.Japanese));
    private readonly Lazy<OutgoingMessage> _english = new(() => Build(cards, texts, Language.English));

    /// <summary>
    /// The card alone, for someone who asked for it: the line 「「ヘルプ」と送ると使い方を表示します」 above the card they
    /// just asked for would tell them to do what they did.
    /// </summary>
    public OutgoingMessage Render(Language language) => language == Language.English ? _english.Value : _japanese.Value;

    /// <summary>On install: the card with a first line (also what notifications show) saying how to see it again.</summary>
    public OutgoingMessage Greeting(Language language) => Render(language) with { Text = texts.Get(language, "welcome.fallbackText") };

    private static OutgoingMessage Build(CardTemplates cards, Texts texts, Language language)
    {
        string T(string key) => texts.Get(language, key);
        var data = new JsonObject
        {
            ["lang"] = CardLanguage.Code(language),
            ["title"] = T("welcome.title"),
            ["intro"] = T("welcome.intro"),
            ["features"] = new JsonArray(
                new JsonObject { ["title"] = T("welcome.ask.title"), ["text"] = T("welcome.ask.text") },
                new JsonObject { ["title"] = T("welcome.propose.title"), ["text"] = T("welcome.propose.text") },
                new JsonObject { ["title"] = T("welcome.evaluate.title"), ["text"] = T("welcome.evaluate.text") },
                new JsonObject { ["title"] = T("welcome.departments.title"), ["text"] = T("welcome.departments.text") }),
            ["commandsTitle"] = T("welcome.commands.title"),
            ["commands"] = new JsonArray(
                new JsonObject { ["title"] = T("command.help"), ["value"] = T("welcome.commands.help") },
                new JsonObject { ["title"] = T("command.propose"), ["value"] = T("welcome.commands.propose") },
                new JsonObject { ["title"] = T("command.resume"), ["value"] = T("welcome.commands.resume") },
                new JsonObject { ["title"] = T("command.myProposals"), ["value"] = T("welcome.commands.myProposals") },
                new JsonObject { ["title"] = T("command.schedule"), ["value"] = T("welcome.commands.schedule") },
                new JsonObject { ["title"] = T("command.history"), ["value"] = T("welcome.commands.history") },
                new JsonObject { ["title"] = T("command.registerProject"), ["value"] = T("welcome.commands.registerProject") },
                new JsonObject { ["title"] = T("command.unanswered"), ["value"] = T("welcome.commands.unanswered") },
                new JsonObject { ["title"] = T("command.register"), ["value"] = T("welcome.commands.register") },
                new JsonObject { ["title"] = T("command.departments"), ["value"] = T("welcome.commands.departments") },
                new JsonObject { ["title"] = T("command.unregister"), ["value"] = T("welcome.commands.unregister") }),
            ["proposeButton"] = T("welcome.button.propose"),
            ["proposeCommand"] = T("command.propose"),
            ["departmentsButton"] = T("welcome.button.departments"),
            ["departmentsCommand"] = T("command.departments"),
        };
        return OutgoingMessage.FromCard(cards.Render("welcome", data));
    }
}

public sealed class HelpCommand(WelcomeCard welcome) : ICommand
{
    public IReadOnlyList<string> Keywords { get; } = ["ヘルプ", "help", "使い方"];

    public Task<IReadOnlyList<OutgoingMessage>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutgoingMessage>>([welcome.Render(context.Turn.Language)]);
}

using KyodoBot.Core.Conversations;

namespace KyodoBot.Core.Dialogs;

/// <summary>The fixed inputs of one engine call: the dialog, the language it speaks, the world (today, departments).</summary>
internal sealed record DialogTurn(DialogDefinition Definition, Language Language, DialogContext Context);

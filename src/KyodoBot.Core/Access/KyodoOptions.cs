namespace KyodoBot.Core.Access;

/// <summary>The <c>Kyodo</c> configuration section.</summary>
public sealed class KyodoOptions
{
    public const string Section = "Kyodo";

    /// <summary>Entra object ids of the people who may manage the bot. Empty: nobody is an admin (closed by default).</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>Where cards/, dialogs/, knowledge/ and appPackage/ are read from; see ContentPaths.</summary>
    public string? ContentRoot { get; set; }

    /// <summary>A proposal draft untouched for longer than this is discarded (with a notice).</summary>
    public int DraftExpiryDays { get; set; } = 30;
}

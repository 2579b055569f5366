using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;

namespace KyodoBot.Core.Access;

/// <summary>
/// The <c>Kyodo</c> configuration section, bound by <c>BindConfiguration</c> and checked at start-up by
/// <see cref="Check"/> (ADR 0022). <c>ContentRoot</c> is also read at registration, because the storage and content
/// paths are registered from it.
/// </summary>
public sealed class KyodoOptions
{
    public const string Section = "Kyodo";
    public const string DraftExpiryDaysKey = Section + ":DraftExpiryDays";
    private const int DefaultDraftExpiryDays = 30;
    private const int MaxDraftExpiryDays = 3650;

    /// <summary>Entra object ids of the people who may manage the bot. Empty: nobody is an admin (closed by default).</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>Where cards/, dialogs/, knowledge/ and appPackage/ are read from; see ContentPaths.</summary>
    public string? ContentRoot { get; set; }

    /// <summary><c>Kyodo:DefaultLanguage</c> as written (<c>ja</c> or <c>en</c>); see <see cref="LanguageResolver.ParseDefault"/>.</summary>
    public string? DefaultLanguage { get; set; }

    /// <summary>
    /// <c>Kyodo:DraftExpiryDays</c> as written: text, so that <c>soon</c> is refused naming the key rather than by the
    /// binder's conversion error. <see cref="DraftExpiryDayCount"/> is the number.
    /// </summary>
    public string? DraftExpiryDays { get; set; }

    /// <summary>A proposal draft untouched for longer than this many days is discarded (with a notice); default 30.</summary>
    public int DraftExpiryDayCount => ParseDraftExpiryDays(DraftExpiryDays);

    /// <summary>Every value of the section that has a rule; throws <see cref="KyodoConfigurationException"/> naming the key.</summary>
    public void Check()
    {
        _ = LanguageResolver.ParseDefault(DefaultLanguage);
        _ = ParseDraftExpiryDays(DraftExpiryDays);
    }

    private static int ParseDraftExpiryDays(string? text) =>
        ConfigurationNumbers.Whole(text, DraftExpiryDaysKey, DefaultDraftExpiryDays, 1, MaxDraftExpiryDays, "days");
}

namespace KyodoBot.Core.Conversations;

public enum Language
{
    Japanese,
    English,
}

public static class LanguageResolver
{
    /// <summary>Japanese unless the locale is English (<c>en</c>, <c>en-US</c>, <c>en_GB</c> …).</summary>
    public static Language FromLocale(string? locale) =>
        locale is not null && (locale.Equals("en", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("en-", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("en_", StringComparison.OrdinalIgnoreCase))
            ? Language.English
            : Language.Japanese;
}

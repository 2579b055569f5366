namespace KyodoBot.Core.Hosting;

/// <summary>
/// A time limit for every regular expression the process runs without its own: a pattern that backtracks without end
/// on some message (or a generator bug such as dotnet/runtime#129628, which once made one of ours grow its stack to
/// 9.6 GB over 108 s) then throws <see cref="System.Text.RegularExpressions.RegexMatchTimeoutException"/>, which the
/// answerer turns into a refusal, instead of holding a core and the memory
/// (docs/decisions/0077-english-with-japanese-terms-and-fact-details.md). Source-generated regexes read the same
/// default. It must be set before the first regex is used: the runtime reads it once per process.
/// </summary>
public static class RegexSafety
{
    /// <summary>Far above any question's matching (the slowest whole answer takes tens of milliseconds).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    public const string Key = "REGEX_DEFAULT_MATCH_TIMEOUT";

    public static void Apply() => AppDomain.CurrentDomain.SetData(Key, MatchTimeout);
}

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace KyodoBot.Cli;

/// <summary>
/// The kinds of option the verbs take, each checked while parsing so that a bad value (<c>--days abc</c>) is refused
/// with the usage (exit code 2) before anything starts, in the words the verbs have always used.
/// </summary>
public static class CliOptions
{
    /// <summary>A switch: present or not. It never takes a value, so <c>--json 質問</c> leaves the question alone.</summary>
    public static Option<bool> Switch(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    public static Option<string> Text(string name, string description) =>
        new(name) { Description = description };

    /// <summary>A whole number of 1 or more, <paramref name="fallback"/> when the option is absent.</summary>
    public static Option<int> Count(string name, int fallback, string description) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = result => Value(result) is not { } value ? fallback
                : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n
                : Refuse(result, fallback, $"{name} takes a whole number of 1 or more, not '{value}'"),
        };

    /// <summary>One of a few words, compared without case and given back in lower case.</summary>
    public static Option<string> OneOf(string name, string description, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            CustomParser = result => Value(result) is not { } value ? null
                : choices.FirstOrDefault(c => c.Equals(value, StringComparison.OrdinalIgnoreCase))
                    ?? Refuse<string?>(result, null, $"{name} is {string.Join(" or ", choices)}, not '{value}'"),
        };
        option.CompletionSources.Add(choices);
        return option;
    }

    /// <summary>A value read by <paramref name="parse"/>, or <paramref name="refusal"/> when it cannot read it.</summary>
    public static Option<T?> Parsed<T>(string name, string description, TryParse<T> parse, string refusal)
        where T : struct =>
        new(name)
        {
            Description = description,
            CustomParser = result => Value(result) is not { } value ? null
                : parse(value, out var parsed) ? parsed
                : Refuse<T?>(result, null, refusal),
        };

    public delegate bool TryParse<T>(string text, out T value);

    private static string? Value(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;

    private static T Refuse<T>(ArgumentResult result, T fallback, string message)
    {
        result.AddError(message);
        return fallback;
    }
}

using System.Globalization;

namespace KyodoBot.Cli;

/// <summary>What an option takes: nothing (a switch), any text, a whole number of 1 or more, or one of a few words.</summary>
public sealed record CliOption(string Name, CliOptionKind Kind, params string[] Choices)
{
    public static CliOption Switch(string name) => new(name, CliOptionKind.Switch);
    public static CliOption Text(string name) => new(name, CliOptionKind.Text);
    public static CliOption Count(string name) => new(name, CliOptionKind.Count);
    public static CliOption OneOf(string name, params string[] choices) => new(name, CliOptionKind.Choice, choices);
}

public enum CliOptionKind
{
    Switch,
    Text,
    Count,
    Choice,
}

/// <summary>
/// One form of a verb (<c>reminders list</c>, <c>ask</c> …): its sub-command, how many plain arguments it takes and
/// which options. Checked before anything starts, so that a typo (<c>--jsn</c>, <c>--day 5</c>, <c>--days abc</c>) is an
/// error with the usage (exit code 2) rather than silently ignored.
/// </summary>
public sealed record CliSyntax(string? Sub, int Arguments, params CliOption[] Options)
{
    /// <summary>Null when <paramref name="args"/> fit one of <paramref name="forms"/>, else what is wrong, in one line.</summary>
    public static string? Check(IReadOnlyList<CliSyntax> forms, IReadOnlyList<string> args)
    {
        var form = forms.FirstOrDefault(f => f.Sub is null)
            ?? forms.FirstOrDefault(f => args.Count > 0 && f.Sub!.Equals(args[0], StringComparison.OrdinalIgnoreCase));
        if (form is null)
        {
            var subs = string.Join(" or ", forms.Select(f => f.Sub));
            return args.Count == 0 || args[0].StartsWith('-') ? $"say {subs}" : $"unknown sub-command '{args[0]}'; use {subs}";
        }

        var plain = 0;
        string? extra = null;
        for (var i = form.Sub is null ? 0 : 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                if (++plain > form.Arguments)
                {
                    extra ??= arg;
                }

                continue;
            }

            var option = form.Options.FirstOrDefault(o => o.Name.Equals(arg, StringComparison.OrdinalIgnoreCase));
            if (option is null)
            {
                return $"unknown option '{arg}'" + (form.Options.Length == 0 ? "" : $"; known: {string.Join(", ", form.Options.Select(o => o.Name))}");
            }

            if (option.Kind == CliOptionKind.Switch)
            {
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return $"{option.Name} needs a value";
            }

            var value = args[++i];
            switch (option.Kind)
            {
                case CliOptionKind.Count when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1:
                    return $"{option.Name} takes a whole number of 1 or more, not '{value}'";
                case CliOptionKind.Choice when !option.Choices.Contains(value, StringComparer.OrdinalIgnoreCase):
                    return $"{option.Name} is {string.Join(" or ", option.Choices)}, not '{value}'";
            }
        }

        return extra is null ? null
            : form.Arguments == 0 ? $"unexpected argument '{extra}'"
            : $"unexpected argument '{extra}' (quote a text with spaces)";
    }
}

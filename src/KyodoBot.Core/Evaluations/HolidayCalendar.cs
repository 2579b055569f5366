using System.Collections.ObjectModel;
using System.Globalization;
using KyodoBot.Core.Hosting;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KyodoBot.Core.Evaluations;

/// <summary>
/// The days the city's offices are closed besides weekends, read from <c>calendar/holidays.yaml</c>: a YAML list of
/// <c>- { date: 2027-01-01, name: 元日 }</c>. The file is edited by hand, so any mistake stops start-up with a
/// <see cref="KyodoConfigurationException"/> naming the file and line. An empty file means weekends only.
/// </summary>
public sealed class HolidayCalendar
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string EntryExample = "- { date: 2027-01-01, name: 元日 }";

    public HolidayCalendar(IReadOnlyDictionary<DateOnly, string> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        Days = new ReadOnlyDictionary<DateOnly, string>(new SortedDictionary<DateOnly, string>(days.ToDictionary()));
    }

    /// <summary>Every closed day and its name, in date order.</summary>
    public IReadOnlyDictionary<DateOnly, string> Days { get; }

    public bool IsHoliday(DateOnly day) => Days.ContainsKey(day);

    public string? NameOf(DateOnly day) => Days.GetValueOrDefault(day);

    public static HolidayCalendar Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new KyodoConfigurationException(
                $"Holiday file {path} was not found: restore calendar/holidays.yaml or point '{EvaluationOptions.HolidayFileKey}' at the file.");
        }

        return Parse(path, File.ReadAllText(path));
    }

    /// <summary>Parses <paramref name="yaml"/>; <paramref name="source"/> names it in errors.</summary>
    internal static HolidayCalendar Parse(string source, string yaml)
    {
        YamlStream stream = [];
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            throw Problem(source, ex.Start.Line, $"this is not valid YAML ({ex.InnerException?.Message ?? ex.Message}).", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet 18 throws this, without a position, for some broken flow mappings (a missing '}').
            throw Problem(source, scanner.CurrentPosition.Line, "this is not valid YAML (a '{' or '[' on this line or above may not be closed).", ex);
        }

        if (stream.Documents.Count > 1)
        {
            throw Problem(source, stream.Documents[1].RootNode.Start.Line, "the file holds more than one YAML document; remove the '---' line.");
        }

        var days = new Dictionary<DateOnly, string>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new HolidayCalendar(days);
        }

        if (stream.Documents[0].RootNode is not YamlSequenceNode entries)
        {
            throw Problem(source, stream.Documents[0].RootNode.Start.Line, $"the file must be a list of entries, one a line: {EntryExample}");
        }

        // The line where each date was first seen, to point at both lines of a duplicate.
        var firstLines = new Dictionary<DateOnly, long>();
        foreach (var entry in entries)
        {
            var (date, name) = Entry(source, entry);
            if (firstLines.TryGetValue(date, out var firstLine))
            {
                throw Problem(source, entry.Start.Line,
                    $"{date.ToString(DateFormat, CultureInfo.InvariantCulture)} is already listed on line {firstLine}; list each date once.");
            }

            firstLines[date] = entry.Start.Line;
            days[date] = name;
        }

        return new HolidayCalendar(days);
    }

    private static (DateOnly Date, string Name) Entry(string source, YamlNode entry)
    {
        if (entry is not YamlMappingNode mapping)
        {
            throw Problem(source, entry.Start.Line, $"each entry needs a date and a name: {EntryExample}");
        }

        YamlScalarNode? date = null;
        YamlScalarNode? name = null;
        foreach (var (key, value) in mapping.Children)
        {
            var keyName = (key as YamlScalarNode)?.Value;
            if (keyName is not ("date" or "name"))
            {
                throw Problem(source, key.Start.Line, $"unknown key '{key}'; an entry has only 'date' and 'name': {EntryExample}");
            }

            if (value is not YamlScalarNode scalar)
            {
                throw Problem(source, value.Start.Line, $"'{keyName}' must be a single value: {EntryExample}");
            }

            if (keyName == "date")
            {
                date = scalar;
            }
            else
            {
                name = scalar;
            }
        }

        if (string.IsNullOrWhiteSpace(date?.Value))
        {
            throw Problem(source, entry.Start.Line, $"the entry has no 'date': {EntryExample}");
        }

        if (!DateOnly.TryParseExact(date.Value.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw Problem(source, date.Start.Line, $"'{date.Value}' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-01.");
        }

        if (string.IsNullOrWhiteSpace(name?.Value))
        {
            throw Problem(source, entry.Start.Line, $"the entry for {date.Value.Trim()} has no 'name' (e.g. 元日, 年末年始休暇).");
        }

        return (day, name.Value.Trim());
    }

    private static KyodoConfigurationException Problem(string source, long line, string message, Exception? inner = null) =>
        inner is null
            ? new KyodoConfigurationException($"Holiday file {source}, line {line}: {message}")
            : new KyodoConfigurationException($"Holiday file {source}, line {line}: {message}", inner);
}

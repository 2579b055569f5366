using System.Globalization;

namespace KyodoBot.Core.Hosting;

/// <summary>Whole-number configuration values, refused with a message naming the key, its range and the value found.</summary>
public static class ConfigurationNumbers
{
    /// <summary>
    /// <paramref name="text"/> as a whole number from <paramref name="min"/> to <paramref name="max"/> (digits only, spaces
    /// around allowed); <paramref name="fallback"/> when it is empty. <paramref name="unit"/> ("days") is named in the message.
    /// </summary>
    public static int Whole(string? text, string key, int fallback, int min, int max, string? unit = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new KyodoConfigurationException(
                $"Configuration key '{key}' must be a whole number{(unit is null ? "" : " of " + unit)} from {min} to {max}; it is '{text}'.");
    }
}

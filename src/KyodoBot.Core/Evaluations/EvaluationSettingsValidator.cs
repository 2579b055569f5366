using KyodoBot.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Evaluations;

/// <summary>
/// Checks the <c>Evaluation</c> section at start-up (<c>ValidateOnStart</c>): a misspelt key (the binder would skip it
/// and leave the default in place without a word) and every value, each failure naming its key.
/// </summary>
public sealed class EvaluationSettingsValidator(IConfiguration configuration) : IValidateOptions<EvaluationSettings>
{
    public ValidateOptionsResult Validate(string? name, EvaluationSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var child in configuration.GetSection(EvaluationOptions.Section).GetChildren())
        {
            if (!EvaluationSettings.KnownKeys.Contains(child.Path, StringComparer.OrdinalIgnoreCase))
            {
                return ValidateOptionsResult.Fail(
                    $"Configuration key '{child.Path}' is not known; the {EvaluationOptions.Section} section takes: " +
                    string.Join(", ", EvaluationSettings.KnownKeys.Select(k => k[(EvaluationOptions.Section.Length + 1)..])) + ".");
            }
        }

        try
        {
            _ = options.ToOptions();
            return ValidateOptionsResult.Success;
        }
        catch (KyodoConfigurationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}

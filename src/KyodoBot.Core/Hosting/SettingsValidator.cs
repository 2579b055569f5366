using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Hosting;

/// <summary>
/// Checks a text-typed settings class at start-up (<c>ValidateOnStart</c>) by parsing it into its typed options: the
/// parser's <see cref="KyodoConfigurationException"/>, which names the key and what it takes, becomes the failure.
/// </summary>
public sealed class SettingsValidator<TSettings>(Action<TSettings> parse) : IValidateOptions<TSettings>
    where TSettings : class
{
    public ValidateOptionsResult Validate(string? name, TSettings options)
    {
        try
        {
            parse(options);
            return ValidateOptionsResult.Success;
        }
        catch (KyodoConfigurationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}

using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Hosting;

/// <summary>
/// Options validated by <see cref="IValidateOptions{TOptions}"/> fail with <see cref="OptionsValidationException"/>;
/// the web host and the command line both stop on <see cref="KyodoConfigurationException"/> with its message.
/// </summary>
public static class ConfigurationErrors
{
    /// <summary>The validated value, or a <see cref="KyodoConfigurationException"/> with the validators' messages.</summary>
    public static T ValueOrConfigurationError<T>(this IOptions<T> options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return options.Value;
        }
        catch (OptionsValidationException ex)
        {
            throw new KyodoConfigurationException(string.Join(" ", ex.Failures), ex);
        }
    }

    /// <summary>The message to print when start-up fails on configuration, or <c>null</c> for any other failure.</summary>
    public static string? MessageOf(Exception exception) => exception switch
    {
        KyodoConfigurationException configuration => configuration.Message,
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        AggregateException aggregate when aggregate.InnerExceptions.All(e => MessageOf(e) is not null) =>
            string.Join(" ", aggregate.InnerExceptions.Select(e => MessageOf(e))),
        _ => null,
    };
}

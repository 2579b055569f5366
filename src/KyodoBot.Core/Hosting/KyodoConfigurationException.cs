namespace KyodoBot.Core.Hosting;

/// <summary>Bad configuration: start-up stops and prints this message, which names the key.</summary>
public sealed class KyodoConfigurationException : Exception
{
    public KyodoConfigurationException(string message) : base(message) { }

    public KyodoConfigurationException(string message, Exception inner) : base(message, inner) { }
}

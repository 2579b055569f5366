namespace KyodoBot.IntegrationTests.Fakes;

/// <summary>
/// Stops what a test started, in the order given (client, app, database, connector …): parts that never started
/// (null) are skipped, and one that fails to stop does not keep the others running.
/// </summary>
public static class Teardown
{
    public static async Task DisposeAllAsync(params object?[] parts)
    {
        List<Exception>? errors = null;
        foreach (var part in parts)
        {
            try
            {
                switch (part)
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync();
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
            catch (Exception ex)
            {
                (errors ??= []).Add(ex);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException(errors);
        }
    }
}

using KyodoBot.Bot.Throttling;

namespace KyodoBot.Tests.Throttling;

/// <summary>
/// The limiter under the load of many conversations at once, on a clock the test moves: every conversation is a
/// user who posts again as soon as the previous reply has gone out, and the connector answers each request after a
/// fixed latency. Teams admits 50 requests per second for the tenant, so that is what the limiter must keep handing
/// out, fairly, whatever the number of conversations.
/// </summary>
public sealed class TeamsRateLimiterLoadTests
{
    [Theory]
    [InlineData(100, 20)]
    [InlineData(200, 20)]
    [InlineData(500, 20)]
    [InlineData(200, 150)]
    public async Task ManyConversations_EachPostingAgainAtOnce_KeepTheTenantBusy_AndNoReplyWaitsLong(int conversations, int latencyMs)
    {
        var clock = new ManualClock();
        var limiter = new TeamsRateLimiter(Throttle.Options(), clock);
        var run = Simulate(clock, limiter, conversations, messages: 10, TimeSpan.FromMilliseconds(latencyMs));

        var result = await clock.RunAsync(run);

        var perSecond = result.Requests / result.Elapsed.TotalSeconds;
        Assert.True(perSecond >= 0.9 * 50, $"{perSecond:F1} requests/s over {result.Elapsed.TotalSeconds:F1} s (tenant bound 50/s)");
        // Fair: nobody waits longer than one round of everybody else (each conversation has one request waiting).
        var round = conversations / 50.0 * 1.05;
        Assert.True(result.LongestWait.TotalSeconds < round + 1, $"longest wait {result.LongestWait.TotalSeconds:F1} s; a round of all conversations takes {round:F1} s");
    }

    private sealed record LoadResult(int Requests, TimeSpan Elapsed, TimeSpan LongestWait);

    private static async Task<LoadResult> Simulate(ManualClock clock, TeamsRateLimiter limiter, int conversations, int messages, TimeSpan latency)
    {
        var start = clock.GetUtcNow();
        var longest = TimeSpan.Zero;
        var requests = 0;
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async c =>
        {
            for (var m = 0; m < messages; m++)
            {
                var asked = clock.GetUtcNow();
                using (var permit = await limiter.AcquireAsync($"a:user-{c}", ConnectorPriority.Reply, CancellationToken.None).ConfigureAwait(false))
                {
                    permit.OnWire(); // the reply is written at once; the connector takes the latency to answer
                    lock (limiter)
                    {
                        longest = clock.GetUtcNow() - asked > longest ? clock.GetUtcNow() - asked : longest;
                        requests++;
                    }

                    await Task.Delay(latency, clock).ConfigureAwait(false);
                    permit.OnResponse();
                }
            }
        })).ConfigureAwait(false);
        return new LoadResult(requests, clock.GetUtcNow() - start, longest);
    }
}

using System.Net;
using System.Net.Http.Headers;
using KyodoBot.Bot.Throttling;

namespace KyodoBot.Tests.Throttling;

public sealed class ConnectorThrottlingHandlerTests
{
    private const string Activities = "https://smba.trafficmanager.net/amer/v3/conversations/19%3Aa%40thread.tacv2%3Bmessageid%3D1/activities";

    [Fact]
    public async Task TooManyRequests_WithRetryAfterSeconds_WaitsThatLongPlusTheSafetyMargin_ThenSucceeds()
    {
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock);
        connector.Then(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        using var response = await clock.RunAsync(client.SendAsync(Throttle.Post(Activities), CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, connector.Sent.Count);
        Assert.Equal(TimeSpan.FromSeconds(7) + TimeSpan.FromMilliseconds(50), connector.Sent[1].At - connector.Sent[0].At);
    }

    [Fact]
    public async Task TooManyRequests_WithRetryAfterDate_WaitsUntilThatDatePlusTheSafetyMargin()
    {
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock);
        var until = clock.GetUtcNow().AddSeconds(12);
        connector.Then(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(until));

        using var response = await clock.RunAsync(client.SendAsync(Throttle.Post(Activities), CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(until.AddMilliseconds(50), connector.Sent[1].At);
    }

    [Fact]
    public async Task TooManyRequests_AskingForMoreThanTheCap_IsReturnedAtOnce()
    {
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock, Throttle.Options(maxDelaySeconds: 30));
        connector.Then(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)));

        using var response = await clock.RunAsync(client.SendAsync(Throttle.Post(Activities), CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(connector.Sent);
        Assert.Empty(clock.RequestedDelays);
    }

    [Fact]
    public async Task TooManyRequests_WithoutRetryAfter_BacksOffWithJitterWithinTheStep()
    {
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock, Throttle.Options(baseDelayMs: 1000), random: () => 0.0);
        connector.Then(HttpStatusCode.TooManyRequests).Then(HttpStatusCode.TooManyRequests);

        using var response = await clock.RunAsync(client.SendAsync(Throttle.Post(Activities), CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The smallest jitter still leaves half of each step: 0.5 s, then 1 s.
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)], clock.RequestedDelays);
    }

    [Fact]
    public async Task ServiceUnavailable_BackoffDoublesAndIsCapped()
    {
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock, Throttle.Options(maxAttempts: 7, baseDelayMs: 500, maxDelaySeconds: 4));
        for (var i = 0; i < 6; i++)
        {
            connector.Then(HttpStatusCode.ServiceUnavailable);
        }

        using var response = await clock.RunAsync(client.SendAsync(Throttle.Post(Activities), CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(7, connector.Sent.Count);
        var gaps = connector.Sent.Zip(connector.Sent.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToList();
        Assert.Equal([0.5, 1, 2, 4, 4, 4], gaps.Select(g => Math.Round(g, 3)));
    }

    [Fact]
    public async Task FullJitter_CanRetryAlmostAtOnce()
    {
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock, random: () => 0.0);
        connector.Then(HttpStatusCode.BadGateway);

        using var response = await clock.RunAsync(client.SendAsync(Throttle.Post(Activities), CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(connector.Sent[0].At, connector.Sent[1].At);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task TransientStatus_IsRetried_AtMostMaxAttemptsTimes_ThenReturnedAsItIs(HttpStatusCode status)
    {
        var clock = new ManualClock();
        var connector = new ScriptedConnector(clock, (_, _) => new HttpResponseMessage(status) { Content = new StringContent("""{"error":{"code":"Busy"}}""") });
        var (client, _, limiter) = Throttle.Handler(clock, Throttle.Options(maxAttempts: 3), connector: connector);

        using var response = await clock.RunAsync(client.SendAsync(Throttle.Post(Activities), CancellationToken.None));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("""{"error":{"code":"Busy"}}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, connector.Sent.Count);
        Assert.Equal(3, limiter.Statistics.PermitsGranted); // every attempt counts at the server, so each takes a permit
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task OtherStatus_IsReturnedAtOnce_WithoutRetry(HttpStatusCode status)
    {
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock);
        connector.Then(status);

        using var response = await clock.RunAsync(client.SendAsync(Throttle.Post(Activities), CancellationToken.None));

        Assert.Equal(status, response.StatusCode);
        Assert.Single(connector.Sent);
        Assert.Empty(clock.RequestedDelays);
    }

    [Theory]
    [InlineData("https://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("https://login.botframework.com/v1/.well-known/keys")]
    [InlineData("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token")]
    [InlineData("https://smba.trafficmanager.net/amer/v3/conversationsX/1")]
    public async Task NonConnectorRequests_PassUntouched(string url)
    {
        var clock = new ManualClock();
        var (client, connector, limiter) = Throttle.Handler(clock);
        connector.Then(HttpStatusCode.ServiceUnavailable);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);

        using var response = await clock.RunAsync(client.SendAsync(request, CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Same(request, Assert.Single(connector.Sent).Request);
        Assert.Equal(0, limiter.Statistics.PermitsGranted);
    }

    [Fact]
    public async Task Retry_ResendsTheSameBodyAndHeaders()
    {
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock);
        connector.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.TooManyRequests);
        const string json = """{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"body":[{"type":"TextBlock","text":"評価のお願い"}]}}]}""";
        var request = Throttle.Post(Activities, json);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "token-for-tests");
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Microsoft-BotFramework", "3.1"));

        using var response = await clock.RunAsync(client.SendAsync(request, CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, connector.Sent.Count);
        Assert.All(connector.Sent, sent =>
        {
            Assert.Equal(json, sent.Body);
            Assert.Equal("application/json; charset=utf-8", sent.ContentType);
            Assert.Equal("Bearer token-for-tests", sent.Request.Headers.Authorization?.ToString());
            Assert.Equal("Microsoft-BotFramework/3.1", sent.Request.Headers.UserAgent.ToString());
            Assert.Equal(HttpMethod.Post, sent.Request.Method);
            Assert.Equal(Activities, sent.Request.RequestUri!.AbsoluteUri);
        });
    }

    [Fact]
    public async Task ConcurrentPostsToOneThread_TheEighthWaitsForTheWindow()
    {
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock);

        var posts = Enumerable.Range(0, 8).Select(_ => client.SendAsync(Throttle.Post(Activities), CancellationToken.None)).ToList();
        var responses = await clock.RunAsync(Task.WhenAll(posts));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var start = connector.Sent.Min(s => s.At);
        Assert.Equal(7, connector.Sent.Count(s => s.At == start));
        Assert.Equal(TimeSpan.FromMilliseconds(1050), connector.Sent.Max(s => s.At) - start);
    }

    [Fact]
    public async Task SlowAnswers_ToRequestsOnTheWire_HoldTheNextSendOnlyForTheArrivalAllowance()
    {
        // The connector reads each body at once and answers 300 ms later, every time: the requests were on the wire
        // at 0 and their round trips were all alike, so they arrived by 30 ms (the floor), and the eighth goes a
        // window after that, not after the answers. (The limiter here trusts the first round trip, not the sixteenth.)
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock, lagSamplesNeeded: 1);
        connector.Latency = TimeSpan.FromMilliseconds(300);

        var posts = Enumerable.Range(0, 8).Select(_ => client.SendAsync(Throttle.Post(Activities), CancellationToken.None)).ToList();
        await clock.RunAsync(Task.WhenAll(posts));

        var start = connector.Sent.Min(s => s.At);
        Assert.Equal(TimeSpan.FromMilliseconds(30 + 1050), connector.Sent.Max(s => s.At) - start);
    }

    [Fact]
    public async Task SlowAnswers_ToRequestsWithoutABody_HoldTheNextSendUntilAWindowAfterThem()
    {
        // Nothing tells the limiter when a bodiless request left, so it counts at its answer.
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock);
        connector.Latency = TimeSpan.FromMilliseconds(300);

        var deletes = Enumerable.Range(0, 8).Select(i => client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Activities}/{i}"), CancellationToken.None)).ToList();
        await clock.RunAsync(Task.WhenAll(deletes));

        var start = connector.Sent.Min(s => s.At);
        Assert.Equal(TimeSpan.FromMilliseconds(300 + 1050), connector.Sent.Max(s => s.At) - start);
    }

    [Fact]
    public async Task CancelledDuringBackoff_Throws_AndSendsNoMore()
    {
        var clock = new ManualClock();
        var (client, connector, _) = Throttle.Handler(clock);
        connector.Then(HttpStatusCode.ServiceUnavailable);
        using var cancel = new CancellationTokenSource();

        var sending = client.SendAsync(Throttle.Post(Activities), cancel.Token);
        while (clock.RequestedDelays.Count == 0 && !sending.IsCompleted)
        {
            await Task.Yield();
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Single(connector.Sent);
    }

    [Theory]
    [InlineData("/v3/conversations/19%3Aa%40thread.tacv2%3Bmessageid%3D1/activities/1", "19:a@thread.tacv2;messageid=1")]
    [InlineData("/amer/v3/conversations/a%3Apersonal-1/activities", "a:personal-1")]
    [InlineData("/_connector/v3/conversations/19%3Ab%40thread.tacv2/members", "19:b@thread.tacv2")]
    public void Thread_IsTheConversationInThePath_WhateverTheServiceUrlPrefix(string path, string expected)
    {
        var route = ConnectorThrottlingHandler.ConversationsRoute(new Uri("https://connector.test" + path));

        Assert.Equal(expected, ConnectorThrottlingHandler.ThreadOf(route!, null));
    }

    [Fact]
    public void CreateConversation_CountsAgainstTheChannelInItsBody()
    {
        var body = """{"isGroup":true,"channelData":{"channel":{"id":"19:c@thread.tacv2"}},"activity":{"type":"message"}}"""u8.ToArray();

        Assert.Equal("19:c@thread.tacv2", ConnectorThrottlingHandler.ThreadOf("/v3/conversations", body));
        Assert.Equal("member:29:u", ConnectorThrottlingHandler.ThreadOf("/v3/conversations", """{"members":[{"id":"29:u"}]}"""u8.ToArray()));
        Assert.Equal(ConnectorThrottlingHandler.UnknownThread, ConnectorThrottlingHandler.ThreadOf("/v3/conversations", "not json"u8.ToArray()));
        Assert.Equal(ConnectorThrottlingHandler.UnknownThread, ConnectorThrottlingHandler.ThreadOf("/v3/conversations", null));
    }
}

using System.Net;
using KyodoBot.Core.Evaluations;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using static KyodoBot.IntegrationTests.Evaluations.ReminderScenario;

namespace KyodoBot.IntegrationTests.Evaluations;

/// <summary>
/// A connector that throttles or fails while the sweep posts reminder cards, through the real host: the retry handler
/// waits out what it may, so every card still arrives exactly once; what is still failing after the last attempt stays
/// pending with its error, and the next sweep delivers it once. Backoff steps are shortened (see
/// <see cref="ReminderScenario.Settings"/>); the connector's Retry-After is honoured in full.
/// </summary>
public sealed class ReminderDeliveryFaultTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;
    private TestDatabase _database = null!;
    private StoredState _stored = null!;
    private BotApp? _app;
    private HttpClient _client = null!;

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 1, 1)]
    [InlineData(HttpStatusCode.TooManyRequests, null, 2)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, 3)]
    [InlineData(HttpStatusCode.GatewayTimeout, null, 2)]
    public async Task ThrottledOrFailingConnector_EveryCardIsStillDeliveredExactlyOnce_InOneSweep(HttpStatusCode status, int? retryAfterSeconds, int times)
    {
        await StartWithCardsAsync(departments: 2, cardsEach: 2);
        var retryAfter = retryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        _connector.Fail(IsCreate, status, retryAfter, times);

        var result = await SweepAsync();

        Assert.Equal(new SweepResult(4, 0, 0), result);
        var faults = _connector.Calls.Where(c => IsCreate(c) && c.Status == (int)status).ToList();
        Assert.Equal(times, faults.Count);
        var due = await _stored.DueRemindersAsync();
        Assert.Equal(4, due.Count);
        Assert.All(due, r => Assert.Equal(ReminderState.Sent, r.State));
        var accepted = AcceptedCardsByReminder(_connector);
        Assert.All(due, r => Assert.Equal(1, accepted.GetValueOrDefault(r.Id)));
        Assert.Equal(4, _connector.Calls.Count(c => IsCreate(c) && c.Accepted));
        if (retryAfter is { } wait)
        {
            var refused = faults.Single();
            var delivered = _connector.Calls.Single(c => c.Accepted && ReminderIdOf(c) == ReminderIdOf(refused));
            Assert.True(delivered.ReceivedAt - refused.ReceivedAt >= wait, $"the card came again {delivered.ReceivedAt - refused.ReceivedAt} after a Retry-After of {wait}");
        }
    }

    [Fact]
    public async Task StillFailingAfterTheLastAttempt_TheCardStaysPendingWithTheError_AndTheNextSweepDeliversItOnce()
    {
        await StartWithCardsAsync(departments: 1, cardsEach: 2, ("Teams:RateLimits:MaxAttempts", "2"));
        _connector.Fail(IsCreate, HttpStatusCode.ServiceUnavailable, times: 2);

        var failed = await SweepAsync();
        var afterFailure = await _stored.DueRemindersAsync();
        var retried = await SweepAsync();

        // The other card of the channel is not held back by a transient failure (only a 403 parks the channel).
        Assert.Equal(new SweepResult(1, 1, 0), failed);
        var pending = Assert.Single(afterFailure, r => r.State != ReminderState.Sent);
        Assert.Equal(ReminderState.Pending, pending.State);
        Assert.Contains("ServiceUnavailable", pending.LastError);
        Assert.Equal(new SweepResult(1, 0, 0), retried);
        var due = await _stored.DueRemindersAsync();
        Assert.All(due, r => Assert.Equal(ReminderState.Sent, r.State));
        var accepted = AcceptedCardsByReminder(_connector);
        Assert.All(due, r => Assert.Equal(1, accepted.GetValueOrDefault(r.Id)));
        Assert.Equal(2, due.Single(r => r.Id == pending.Id).Attempts);
    }

    private async Task StartWithCardsAsync(int departments, int cardsEach, params (string Key, string Value)[] overrides)
    {
        var settings = BotApp.Anonymous(_database);
        foreach (var (key, value) in Settings.Concat(overrides.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value))))
        {
            settings[key] = value;
        }

        _app = new BotApp(settings);
        _client = _app.CreateClient();
        var registered = Enumerable.Range(1, departments).Select(Department).ToList();
        foreach (var (name, channelId) in registered)
        {
            await RegisterAsync(_client, _connector, name, channelId);
        }

        await AddProjectsAsync(_app.Services, registered.SelectMany((d, i) => Enumerable.Range(0, cardsEach).Select(n => (d.Name, Title(i * cardsEach + n)))));
        Assert.Empty(_connector.Calls);
    }

    private Task<SweepResult> SweepAsync() =>
        _app!.Services.GetRequiredService<IReminderSweep>().RunAsync(DateTimeOffset.UtcNow, CancellationToken.None);

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _database = TestDatabase.CreateSqlite();
        _stored = new StoredState(_database);
    }

    public Task DisposeAsync() => Teardown.DisposeAllAsync(_client, _app, _stored, _database, _connector);
}

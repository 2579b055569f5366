using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Evaluations;
using KyodoBot.Core.Storage;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.IntegrationTests.Evaluations;

/// <summary>
/// What the reminder delivery tests share: settings under which every project registered with an evaluation due today
/// owes exactly one card now (whatever the wall clock says), departments registered from their channels through
/// /api/messages, projects through <see cref="ProjectService"/>, and the cards the fake connector accepted, counted
/// per reminder.
/// </summary>
public static class ReminderScenario
{
    public const string Organization = "NPO法人あおぞら";

    /// <summary>
    /// Reminders only on the due day, at 00:00: a project whose evaluation is due today then gets one card due at its
    /// registration (<see cref="ProjectService.PlanFrom"/>: the day's time has passed, so one goes out at once), and
    /// its overdue escalation days ahead. Short backoff steps keep retries fast; Retry-After is still honoured in full.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        [EvaluationOptions.ReminderTimeKey] = "00:00",
        [EvaluationOptions.ReminderDaysBeforeKey] = "0",
        ["Teams:RateLimits:BaseDelayMs"] = "20",
        ["Teams:RateLimits:MaxDelaySeconds"] = "2",
    };

    public static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static (string Name, string ChannelId) Department(int number) =>
        ($"部署{number:00}課", $"19:dept-{number:00}@thread.tacv2");

    public static string Title(int number) => $"見守りサロン事業{number:000}";

    /// <summary>"Create conversation": how a card starts a new thread in a channel.</summary>
    public static bool IsCreate(ConnectorCall call) => call.Method == "POST" && call.Path == "/v3/conversations";

    /// <summary>Maps the channel to the department, as someone typing 登録 in that channel does; the reply must say so.</summary>
    public static async Task RegisterAsync(HttpClient bot, FakeBotConnector connector, string department, string channelId, string expected = "登録しました")
    {
        var response = await bot.SendAsync(Activities.Post(
            Activities.ChannelMessage(connector.ServiceUrl, $"登録 {department}", channelId, expectReplies: true)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && body.Contains(expected, StringComparison.Ordinal),
            $"registering {department} in {channelId}: {(int)response.StatusCode} {body}");
    }

    /// <summary>
    /// One project per (department, title), each with a single evaluation, the final one, due today: so each owes one
    /// card now (under <see cref="Settings"/>).
    /// </summary>
    public static async Task<List<Project>> AddProjectsAsync(IServiceProvider services, IEnumerable<(string Department, string Title)> projects)
    {
        var service = services.GetRequiredService<ProjectService>();
        var today = services.GetRequiredService<BusinessCalendar>().Today(services.GetRequiredService<TimeProvider>());
        var added = new List<Project>();
        foreach (var (department, title) in projects)
        {
            added.Add(await service.RegisterAsync(new ProjectRegistration(
                title, Organization, department, today.AddMonths(-6), today, PublicFunds: true, ScheduleKind.Annual, [], "test"), CancellationToken.None));
        }

        return added;
    }

    /// <summary>
    /// Seeds a database as people would through the bot: departments registered from their channels through
    /// /api/messages of an in-process host (scheduler off, references carrying the fake's service URL), and projects
    /// through its <see cref="ProjectService"/>, each owing one card now. The host is gone when this returns, so bot
    /// processes started next find the work waiting.
    /// </summary>
    public static async Task<(List<Project> Projects, List<(string Name, string ChannelId)> Departments)> SeedAsync(
        TestDatabase database, FakeBotConnector connector, int departments, int projectsEach)
    {
        var settings = BotApp.Anonymous(database);
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        await using var app = new BotApp(settings);
        using var client = app.CreateClient();
        var registered = Enumerable.Range(1, departments).Select(Department).ToList();
        foreach (var (name, channelId) in registered)
        {
            await RegisterAsync(client, connector, name, channelId);
        }

        // Round robin over the departments, so that every channel has work from the start of a fan-out to its end.
        var projects = await AddProjectsAsync(app.Services, Enumerable.Range(0, departments * projectsEach)
            .Select(n => (registered[n % departments].Name, Title(n))));
        Assert.Empty(connector.Calls);
        return (projects, registered);
    }

    /// <summary>
    /// The environment of a bot process (or CLI verb) on <paramref name="database"/> with <see cref="Settings"/>: it
    /// trusts the fake connector's certificate and sweeps every second.
    /// </summary>
    public static Dictionary<string, string?> ProcessEnvironment(TestDatabase database, params (string Key, string Value)[] overrides)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Storage__Provider"] = database.Provider,
            ["ConnectionStrings__KyodoBot"] = database.ConnectionString,
            ["Evaluation__SweepSeconds"] = "1",
            ["SSL_CERT_FILE"] = TestCertificate.PemPath,
        };
        foreach (var (key, value) in Settings.Concat(overrides.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value))))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }

    /// <summary>The reminder a posted card is for: the <c>reminderId</c> of its Action.Execute data; null for anything else.</summary>
    public static long? ReminderIdOf(ConnectorCall call)
    {
        static long? Find(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj["reminderId"] is JsonValue value)
                    {
                        var text = value.ToString();
                        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
                    }

                    return obj.Select(p => Find(p.Value)).FirstOrDefault(id => id is not null);
                case JsonArray array:
                    return array.Select(Find).FirstOrDefault(id => id is not null);
                default:
                    return null;
            }
        }

        return Find(call.Body["activity"]);
    }

    /// <summary>How many cards the connector accepted (2xx) for each reminder.</summary>
    public static Dictionary<long, int> AcceptedCardsByReminder(FakeBotConnector connector) =>
        connector.Calls.Where(c => IsCreate(c) && c.Accepted)
            .Select(ReminderIdOf)
            .OfType<long>()
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; past <paramref name="timeout"/> fails, saying what was seen last.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Func<T, string> describe)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var seen = await probe();
            if (done(seen))
            {
                return seen;
            }

            if (elapsed.Elapsed > timeout)
            {
                throw new TimeoutException($"Not reached within {timeout.TotalSeconds:0} s: {describe(seen)}");
            }

            await poll.WaitForNextTickAsync();
        }
    }
}

/// <summary>The test's own look at a bot's database (the bot may be another process): reminders and departments as stored.</summary>
public sealed class StoredState : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public StoredState(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = database.Provider,
            ["ConnectionStrings:KyodoBot"] = database.ConnectionString,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddKyodoStorage(configuration).BuildServiceProvider();
    }

    public async Task<List<Reminder>> RemindersAsync()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        return await db.Reminders.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>The reminders due by now: under <see cref="ReminderScenario.Settings"/>, one due-day card per project.</summary>
    public async Task<List<Reminder>> DueRemindersAsync()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return [.. (await RemindersAsync()).Where(r => r.SendAtMs <= now)];
    }

    public async Task<Department> DepartmentAsync(string name)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        var key = DepartmentRegistry.NormalizeName(name).ToLowerInvariant();
        return await db.Departments.AsNoTracking().SingleAsync(d => d.NameKey == key);
    }

    public async Task<EvaluationDue> DueAsync(long dueId)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<KyodoDbContext>>().CreateDbContextAsync();
        return await db.EvaluationDues.AsNoTracking().SingleAsync(d => d.Id == dueId);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

using System.Diagnostics;
using KyodoBot.Core;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Proposals;
using KyodoBot.Core.Storage;

namespace KyodoBot.Bench;

/// <summary>
/// A proposal dialog turn in-process on SQLite (load the draft, answer + validation, save the session): each turn
/// timed on its own. The turns alternate between answering the current field and 戻る, so every turn writes.
/// </summary>
internal static class DialogLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var turns = Args.Int(args, "--turns", 5_000);
        var directory = Directory.CreateTempSubdirectory("kyodobot-dialog-bench-");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:KyodoBot"] = $"Data Source={Path.Combine(directory.FullName, "bench.db")}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddKyodoCore(configuration);
        services.AddSingleton<IChannelMessenger, NoMessenger>();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var dialog = provider.GetRequiredService<ProposalDialog>();

        IncomingTurn Turn(int i, string text) => new()
        {
            ActivityId = $"bench-{i}", Text = text, UserId = "29:bench", ConversationId = "a:bench", Language = Language.Japanese,
        };

        await dialog.StartAsync(Turn(-1, "提案"), CancellationToken.None);
        var latencies = new double[turns];
        for (var i = 0; i < turns; i++)
        {
            var text = i % 2 == 0 ? "みどり野まちづくりネット" : "戻る";
            var start = Stopwatch.GetTimestamp();
            var replies = await dialog.TryContinueAsync(Turn(i, text), text, CancellationToken.None);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (replies is null)
            {
                throw new InvalidOperationException("The dialog stopped taking turns.");
            }
        }

        var warm = latencies.Skip(100).OrderBy(l => l).ToArray();
        double P(double p) => warm[Math.Min(warm.Length - 1, (int)(p * warm.Length))];
        Console.WriteLine($"dialog turn (SQLite, answer/back alternating, {warm.Length} turns after 100 warm-up): " +
            $"p50 {P(0.5):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms, max {warm[^1]:F2} ms");
        return 0;
    }

    private sealed class NoMessenger : IChannelMessenger
    {
        public Task<PostedMessage> PostToDepartmentAsync(string department, OutgoingMessage message, CancellationToken cancellationToken) =>
            throw new DepartmentNotRegisteredException(department);

        public Task<PostedMessage> PostToChannelAsync(string channelId, OutgoingMessage message, CancellationToken cancellationToken) =>
            throw new DepartmentNotRegisteredException(channelId);

        public Task UpdateAsync(PostedMessage posted, OutgoingMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<PostedMessage> SendToUserAsync(string userId, OutgoingMessage message, CancellationToken cancellationToken) =>
            throw new UserNotReachableException(userId);
    }
}

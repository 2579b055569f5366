using System.Diagnostics;
using KyodoBot.IntegrationTests.Fakes;

namespace KyodoBot.IntegrationTests.Process;

/// <summary>
/// End to end: the real bot process and the Microsoft 365 Agents Playground (tests/e2e, npm, pinned), driven through
/// the Playground's own routes. Skipped (not passed) when tests/e2e has not been installed with <c>npm ci</c>.
/// </summary>
public sealed class PlaygroundSmokeTests
{
    [SkippableTheory]
    [InlineData("ヘルプ", "協働ボット（KyodoBot）です")]
    [InlineData("公金を使う協働事業で欠かせない原則は？", "時限性の原則")]
    [InlineData("明日の会議室を予約して", "協働マニュアルには該当する記載が見つかりませんでした")]
    public async Task Message_InPersonalChat_ThroughThePlayground_GetsTheExpectedReply(string text, string expected)
    {
        var e2e = Path.Combine(RepoPaths.Root, "tests", "e2e");
        Skip.IfNot(Directory.Exists(Path.Combine(e2e, "node_modules", "@microsoft", "m365agentsplayground")),
            "tests/e2e is not installed (run `npm ci` in tests/e2e; .ci/run does).");

        await using var bot = BotProcess.Start(new Dictionary<string, string?>(),
            workingDirectory: Directory.CreateTempSubdirectory("kyodobot-e2e-").FullName);
        Assert.True(await bot.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)), bot.Output);

        var smoke = new ProcessStartInfo("node", ["playground-smoke.mjs"])
        {
            WorkingDirectory = e2e,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        smoke.Environment["BOT_ENDPOINT"] = $"{bot.BaseUrl}/api/messages";
        smoke.Environment["PLAYGROUND_PORT"] = BotProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        smoke.Environment["SMOKE_TEXT"] = text;
        smoke.Environment["EXPECT"] = expected;
        using var node = System.Diagnostics.Process.Start(smoke)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await node.WaitForExitAsync(timeout.Token);

        Assert.True(node.ExitCode == 0, $"{await output}\n{await errors}\n--- bot ---\n{bot.Output}");
        Assert.Contains("PASS", await output);
    }
}

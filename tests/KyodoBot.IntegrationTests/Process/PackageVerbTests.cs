using System.IO.Compression;
using System.Text.Json.Nodes;

namespace KyodoBot.IntegrationTests.Process;

/// <summary><c>dotnet run --project src/KyodoBot -- package</c>, as an operator runs it.</summary>
public sealed class PackageVerbTests
{
    private const string AppId = "5a1f0c1e-7b0e-4d3c-9a55-0d5c2f7e9b11";

    [Fact]
    public async Task Package_WithAppId_WritesZipWithManifestAndIcons()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("kyodobot-pkg-").FullName, "KyodoBot.zip");
        await using var run = BotProcess.Start(new Dictionary<string, string?> { ["MicrosoftAppId"] = AppId }, ["package", "--out", output]);

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        using var zip = ZipFile.OpenRead(output);
        Assert.Equal(["color.png", "en-us.json", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        using var manifestStream = zip.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(manifestStream)!;
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(["personal", "team", "groupChat"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("協働ボット", manifest["name"]!["short"]!.GetValue<string>());
        Assert.DoesNotContain("${{", manifest.ToJsonString());
        Assert.Equal((192, 192), PngSize(zip.GetEntry("color.png")!));
        Assert.Equal((32, 32), PngSize(zip.GetEntry("outline.png")!));
    }

    [Fact]
    public async Task Package_WithoutAppId_RefusesWithClearMessage()
    {
        await using var run = BotProcess.Start(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" }, ["package", "--out", Path.GetTempFileName() + ".zip"]);

        Assert.Equal(2, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("no app id is configured", run.Output);
        Assert.Contains("MicrosoftAppId", run.Output);
    }

    [Fact]
    public async Task Package_WithMalformedAppId_Refuses()
    {
        await using var run = BotProcess.Start(new Dictionary<string, string?> { ["MicrosoftAppId"] = "not-a-guid" }, ["package", "--out", Path.GetTempFileName() + ".zip"]);

        Assert.Equal(2, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("is not a GUID", run.Output);
    }

    private static (int Width, int Height) PngSize(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }
}

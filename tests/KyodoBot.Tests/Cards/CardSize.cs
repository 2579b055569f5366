using System.Text;

namespace KyodoBot.Tests.Cards;

/// <summary>Teams refuses a bot message over 100 KB; cards are kept under 80 KB (DESIGN.md). Sizes go to the test log.</summary>
public static class CardSize
{
    public const int Limit = 80 * 1024;

    public static void AssertUnder80KB(Xunit.Abstractions.ITestOutputHelper output, string card, string name)
    {
        var bytes = Encoding.UTF8.GetByteCount(card);
        output.WriteLine($"{name}: {bytes} bytes");
        Assert.True(bytes < Limit, $"{name} card is {bytes} bytes");
    }
}

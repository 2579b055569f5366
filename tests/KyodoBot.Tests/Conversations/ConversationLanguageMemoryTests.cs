using KyodoBot.Core.Conversations;
using KyodoBot.Core.Storage;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace KyodoBot.Tests.Conversations;

/// <summary>
/// The conversation's language is read from the database once and then remembered for a while: one read per turn
/// cost a `ヘルプ` turn a third of its throughput (0.64× the echo bot, 1.00 with the memory).
/// </summary>
public sealed class ConversationLanguageMemoryTests
{
    private readonly Mock<IConversationStore> _store = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2027-04-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static IncomingTurn Turn(string text) => new()
    {
        ActivityId = Guid.NewGuid().ToString("N"),
        UserId = "29:user-1",
        ConversationId = "a:chat-1",
        Kind = ConversationKind.Personal,
        Text = text,
    };

    [Fact]
    public async Task WordlessTurns_ReadTheStoredLanguageOnce_ThenAgainAfterTheMemoryExpires()
    {
        _store.Setup(s => s.FindAsync("a:chat-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConversationRecord { ConversationId = "a:chat-1", ServiceUrl = "https://smba.example/", Language = Language.Japanese });
        var languages = new ConversationLanguages(_store.Object, new DefaultLanguage(Language.English), _time);

        Assert.Equal(Language.Japanese, await languages.ResolveAsync(Turn("help"), default));
        Assert.Equal(Language.Japanese, await languages.ResolveAsync(Turn("2"), default));
        _store.Verify(s => s.FindAsync("a:chat-1", It.IsAny<CancellationToken>()), Times.Once);

        _time.Advance(ConversationLanguages.Remembered + TimeSpan.FromSeconds(1));
        Assert.Equal(Language.Japanese, await languages.ResolveAsync(Turn("help"), default));
        _store.Verify(s => s.FindAsync("a:chat-1", It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task ASwitchTheUserWrites_IsStored_AndRememberedWithoutAnotherRead()
    {
        _store.Setup(s => s.FindAsync("a:chat-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConversationRecord { ConversationId = "a:chat-1", ServiceUrl = "https://smba.example/", Language = Language.Japanese });
        var languages = new ConversationLanguages(_store.Object, new DefaultLanguage(Language.Japanese), _time);

        Assert.Equal(Language.English, await languages.ResolveAsync(Turn("How do I file a proposal?"), default));
        Assert.Equal(Language.English, await languages.ResolveAsync(Turn("2"), default));

        _store.Verify(s => s.SetLanguageAsync("a:chat-1", Language.English, It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.FindAsync("a:chat-1", It.IsAny<CancellationToken>()), Times.Once);
    }
}

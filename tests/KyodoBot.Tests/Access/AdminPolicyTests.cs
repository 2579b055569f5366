using KyodoBot.Core;
using KyodoBot.Core.Access;
using KyodoBot.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Tests.Access;

/// <summary>Kyodo:Admins as the README documents it: a list, or one comma-separated value (what one environment variable holds).</summary>
public sealed class AdminPolicyTests
{
    [Theory]
    [InlineData("Kyodo:Admins", "aad-1,aad-2")]
    [InlineData("Kyodo:Admins", "aad-1; aad-2")]
    [InlineData("Kyodo:Admins:0", "aad-1,aad-2")]
    public void Admins_AsOneSeparatedValue_AreEachAdmins(string key, string value)
    {
        var policy = Policy(new() { [key] = value });

        Assert.True(policy.AnyConfigured);
        Assert.Equal(["aad-1", "aad-2"], policy.Admins.Order());
    }

    [Fact]
    public void Admins_AsAList_AreAdmins()
    {
        var policy = Policy(new() { ["Kyodo:Admins:0"] = "aad-1", ["Kyodo:Admins:1"] = "aad-2" });

        Assert.Equal(["aad-1", "aad-2"], policy.Admins.Order());
    }

    [Fact]
    public void NoAdmins_MeansNobodyIsAnAdmin()
    {
        var policy = Policy([]);

        Assert.False(policy.AnyConfigured);
        Assert.False(policy.IsAdmin(Turn("aad-anyone")));
        Assert.False(policy.IsAdmin(Turn(null)));
    }

    [Fact]
    public void IsAdmin_IsTheConfiguredIdsOnly_CaseInsensitive()
    {
        var policy = Policy(new() { ["Kyodo:Admins"] = "AAD-1" });

        Assert.True(policy.IsAdmin(Turn("aad-1")));
        Assert.False(policy.IsAdmin(Turn("aad-2")));
        Assert.False(policy.IsAdmin(Turn(null)));
    }

    private static IncomingTurn Turn(string? aadObjectId) =>
        new() { ActivityId = "a", UserId = "29:u", ConversationId = "c", AadObjectId = aadObjectId };

    private static AdminPolicy Policy(Dictionary<string, string?> settings)
    {
        settings["Kyodo:ContentRoot"] = Path.GetTempPath();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddKyodoCore(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<AdminPolicy>();
    }
}

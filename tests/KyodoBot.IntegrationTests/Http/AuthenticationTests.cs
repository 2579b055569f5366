using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KyodoBot.IntegrationTests.Fakes;
using Microsoft.IdentityModel.Tokens;

namespace KyodoBot.IntegrationTests.Http;

/// <summary>Channel authentication on the real endpoint, with tokens from the fake connector's issuer.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;
    private TestDatabase _database = null!;
    private BotApp _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task ValidToken_Returns200WithReplies()
    {
        var activity = Activities.PersonalMessage(_connector.ServiceUrl, "ヘルプ", expectReplies: true);

        var response = await _client.SendAsync(Activities.Post(activity, _connector.MintToken(BotApp.AppId)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("協働ボット", body["activities"]![0]!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task NoAuthorizationHeader_Returns401()
    {
        var response = await _client.SendAsync(Activities.Post(Message()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_Returns401()
    {
        var token = _connector.MintToken(BotApp.AppId, expires: DateTime.UtcNow.AddHours(-2));

        var response = await _client.SendAsync(Activities.Post(Message(), token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WrongAudience_Returns401()
    {
        var response = await _client.SendAsync(Activities.Post(Message(), _connector.MintToken("00000000-0000-0000-0000-000000000000")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WrongIssuer_Returns401()
    {
        var response = await _client.SendAsync(Activities.Post(Message(), _connector.MintToken(BotApp.AppId, issuer: "https://evil.example")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ServiceUrlClaimMismatch_Returns401()
    {
        var token = _connector.MintToken(BotApp.AppId, serviceUrl: "https://smba.other.example/");

        var response = await _client.SendAsync(Activities.Post(Message(), token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TamperedSignature_Returns401()
    {
        var token = _connector.MintToken(BotApp.AppId);
        var parts = token.Split('.');
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[10] ^= 0xFF;
        var tampered = $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";

        var response = await _client.SendAsync(Activities.Post(Message(), tampered));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TokenSignedByUnknownKey_Returns401()
    {
        var foreignKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "kyodobot-test-key" };

        var response = await _client.SendAsync(Activities.Post(Message(), _connector.MintToken(BotApp.AppId, key: foreignKey)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.")]
    public async Task GarbageToken_Returns401(string token)
    {
        var response = await _client.SendAsync(Activities.Post(Message(), token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AfterRejections_TheProcessStillServes()
    {
        await _client.SendAsync(Activities.Post(Message(), "garbage"));
        await _client.SendAsync(Activities.Post("{not json"));

        var response = await _client.SendAsync(Activities.Post(Message(expectReplies: true), _connector.MintToken(BotApp.AppId)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private JsonObject Message(bool expectReplies = true) =>
        Activities.PersonalMessage(_connector.ServiceUrl, "ヘルプ", expectReplies: expectReplies);

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _database = TestDatabase.CreateSqlite();
        _app = new BotApp(BotApp.Authenticated(_connector, _database));
        _client = _app.CreateClient();
    }

    public Task DisposeAsync() => Teardown.DisposeAllAsync(_client, _app, _database, _connector);
}

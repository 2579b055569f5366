using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest.Serialization;
using Newtonsoft.Json.Serialization;

namespace KyodoBot.Bot;

/// <summary>
/// The SDK's authentication, except that every <see cref="ConnectorClient"/> it creates shares one JSON contract
/// resolver.
/// <para>
/// Why: <see cref="ConnectorClient"/>'s constructor gives itself new serializer settings with a new
/// <see cref="ReadOnlyJsonContractResolver"/>, and the adapter creates a client for every turn and every proactive
/// post. A contract resolver learns each type by reflection and emits a dynamic method per property accessor, and
/// caches that only in itself: a fresh one relearns <c>Activity</c>, <c>ConversationParameters</c> and everything they
/// hold for every message sent. Measured with the <c>fanout</c> benchmark: about 20 ms of CPU per proactive card on
/// the 2-core machine, which made a 1,000-card fan-out CPU-bound instead of rate-limited. Newtonsoft's guidance is to
/// reuse resolvers; <see cref="ReadOnlyJsonContractResolver"/> keeps no state but that cache (thread-safe), so one
/// instance serves every client and thread and the JSON is the same as before.
/// </para>
/// </summary>
public sealed class SharedContractsAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    private readonly IContractResolver _contracts = new ReadOnlyJsonContractResolver();

    /// <summary>The resolver every connector client gets (for tests).</summary>
    internal IContractResolver Contracts => _contracts;

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new SharedContractsConnectorFactory(inner.CreateConnectorFactory(claimsIdentity), _contracts);

    public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override Microsoft.Bot.Builder.Skills.BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private sealed class SharedContractsConnectorFactory(ConnectorFactory inner, IContractResolver contracts) : ConnectorFactory
    {
        public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            var client = await inner.CreateAsync(serviceUrl, audience, cancellationToken).ConfigureAwait(false);
            // The client reads its settings at every call, so swapping the resolver now covers all its requests.
            client.SerializationSettings.ContractResolver = contracts;
            client.DeserializationSettings.ContractResolver = contracts;
            return client;
        }
    }
}

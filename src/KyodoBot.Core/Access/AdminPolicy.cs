using KyodoBot.Core.Conversations;
using KyodoBot.Core.Hosting;
using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Access;

/// <summary>
/// Who the admins are: the Entra object ids in <c>Kyodo:Admins</c>. Closed by default: with none configured, nobody
/// is an admin (see docs/decisions/0015-closed-by-default-authorization.md for what that leaves open during setup).
/// </summary>
public sealed class AdminPolicy
{
    private readonly HashSet<string> _admins;

    public AdminPolicy(IOptions<KyodoOptions> options)
    {
        // Accept a list (Kyodo:Admins:0, …) as well as one comma- or space-separated value (Kyodo:Admins="a,b").
        _admins = options.ValueOrConfigurationError().Admins
            .SelectMany(a => a.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>At least one admin is configured; the department registry is then theirs alone to change.</summary>
    public bool AnyConfigured => _admins.Count > 0;

    public IReadOnlyCollection<string> Admins => _admins;

    /// <summary>
    /// The text key for refusing an admin-only action: <paramref name="adminOnlyKey"/> when admins are configured,
    /// else the one that tells the operator to set <c>Kyodo:Admins</c>.
    /// </summary>
    public string RefusalKey(string adminOnlyKey) => AnyConfigured ? adminOnlyKey : "access.noAdmins";

    public bool IsAdmin(IncomingTurn turn) => turn.AadObjectId is { Length: > 0 } id && _admins.Contains(id);
}

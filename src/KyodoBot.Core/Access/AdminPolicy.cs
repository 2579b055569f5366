using KyodoBot.Core.Conversations;
using Microsoft.Extensions.Options;

namespace KyodoBot.Core.Access;

/// <summary>Who may change shared settings (the department registry, …): everyone, unless <c>Kyodo:Admins</c> lists ids.</summary>
public sealed class AdminPolicy
{
    private readonly HashSet<string> _admins;

    public AdminPolicy(IOptions<KyodoOptions> options)
    {
        // Accept a list (Kyodo:Admins:0, …) as well as one comma- or space-separated value (Kyodo:Admins="a,b").
        _admins = options.Value.Admins
            .SelectMany(a => a.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public bool IsRestricted => _admins.Count > 0;

    public IReadOnlyCollection<string> Admins => _admins;

    public bool IsAdmin(IncomingTurn turn) =>
        !IsRestricted || (turn.AadObjectId is { Length: > 0 } id && _admins.Contains(id));
}

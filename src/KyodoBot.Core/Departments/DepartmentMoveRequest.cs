namespace KyodoBot.Core.Departments;

public enum MoveRequestState
{
    Pending,
    Approved,
    Refused,
    /// <summary>The department moved (or was unregistered) some other way before anyone answered.</summary>
    Superseded,
}

/// <summary>
/// A channel asked to become a department's channel while another channel holds it (<c>登録</c> by a non-admin): the
/// holder's channel (or an admin) approves or refuses on the card posted there. Stored, so that a restart or a second
/// instance can still decide it.
/// </summary>
public sealed class DepartmentMoveRequest
{
    public long Id { get; set; }
    /// <summary>The <c>登録</c> activity that asked: a redelivered one finds its request instead of asking again.</summary>
    public required string RequestActivityId { get; set; }
    public required string NameKey { get; set; }
    public required string DepartmentName { get; set; }
    public required string FromChannelId { get; set; }
    public string? FromChannelName { get; set; }
    public required string ToChannelId { get; set; }
    public string? ToChannelName { get; set; }
    public string? ToTeamId { get; set; }
    public string? ToTeamName { get; set; }
    public string? RequestedBy { get; set; }
    public string? RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public MoveRequestState State { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>Where the approval card was posted (to update it for everyone once decided).</summary>
    public string? CardConversationId { get; set; }
    public string? CardActivityId { get; set; }
    public string? CardServiceUrl { get; set; }
    public string? CardTenantId { get; set; }

    public ChannelLocation To => new(ToChannelId, ToChannelName, ToTeamId, ToTeamName);
}

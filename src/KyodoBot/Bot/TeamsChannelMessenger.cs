using KyodoBot.Core.Conversations;
using KyodoBot.Core.Departments;
using KyodoBot.Core.Proactive;
using KyodoBot.Core.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;

namespace KyodoBot.Bot;

/// <summary>The proactive port on the Bot Framework: every target comes from stored conversation references.</summary>
public sealed class TeamsChannelMessenger(
    CloudAdapter adapter,
    DepartmentRegistry departments,
    IConversationStore conversations,
    BotIdentity identity,
    ILogger<TeamsChannelMessenger> logger) : IChannelMessenger
{
    public async Task<PostedMessage> PostToDepartmentAsync(string department, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var target = await departments.FindAsync(department, cancellationToken) ?? throw new DepartmentNotRegisteredException(department);
        var channel = await conversations.FindAsync(target.ChannelId, cancellationToken) ?? throw new DepartmentNotRegisteredException(department);
        var reference = ActivityMapper.ToReference(channel, target.ChannelId);

        PostedMessage? posted = null;
        try
        {
            await adapter.ContinueConversationAsync(identity.AppId, reference, async (turnContext, ct) =>
            {
                var (thread, activityId) = await TeamsInfo.SendMessageToTeamsChannelAsync(
                    turnContext, ActivityMapper.ToActivity(message), target.ChannelId, identity.AppId, ct);
                posted = new PostedMessage(thread.Conversation.Id, activityId, thread.ServiceUrl ?? channel.ServiceUrl, channel.TenantId);
            }, cancellationToken);
        }
        catch (ErrorResponseException ex) when (ex.Response?.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            // The bot was removed from the team (or blocked): no retry helps until it is added back.
            throw new ChannelForbiddenException(target.Name, ex);
        }

        logger.LogInformation("Posted a new thread for {Department} in channel {ChannelId}: {ActivityId}", target.Name, target.ChannelId, posted!.ActivityId);
        return posted;
    }

    public async Task UpdateAsync(PostedMessage posted, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var reference = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = posted.ServiceUrl,
            Conversation = new ConversationAccount(isGroup: true, id: posted.ConversationId, tenantId: posted.TenantId),
        };

        await adapter.ContinueConversationAsync(identity.AppId, reference, async (turnContext, ct) =>
        {
            var activity = ActivityMapper.ToActivity(message);
            activity.Id = posted.ActivityId;
            await turnContext.UpdateActivityAsync(activity, ct);
        }, cancellationToken);
    }

    public async Task<PostedMessage> SendToUserAsync(string userId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var chat = await conversations.FindPersonalChatAsync(userId, cancellationToken) ?? throw new UserNotReachableException(userId);
        var reference = ActivityMapper.ToReference(chat, chat.ConversationId);
        PostedMessage? posted = null;
        await adapter.ContinueConversationAsync(identity.AppId, reference, async (turnContext, ct) =>
        {
            var response = await turnContext.SendActivityAsync(ActivityMapper.ToActivity(message), ct);
            posted = new PostedMessage(chat.ConversationId, response?.Id ?? "", chat.ServiceUrl, chat.TenantId);
        }, cancellationToken);
        return posted!;
    }
}

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
        return await PostAsync(target.ChannelId, target.Name, message, cancellationToken);
    }

    public Task<PostedMessage> PostToChannelAsync(string channelId, OutgoingMessage message, CancellationToken cancellationToken) =>
        PostAsync(channelId, channelId, message, cancellationToken);

    /// <param name="label">The department (or the channel id) named in exceptions and logs.</param>
    private async Task<PostedMessage> PostAsync(string channelId, string label, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var channel = await conversations.FindAsync(channelId, cancellationToken) ?? throw new DepartmentNotRegisteredException(label);
        var reference = ActivityMapper.ToReference(channel, channelId);

        PostedMessage? posted = null;
        try
        {
            await adapter.ContinueConversationAsync(identity.AppId, reference, async (turnContext, ct) =>
            {
                var (thread, activityId) = await TeamsInfo.SendMessageToTeamsChannelAsync(
                    turnContext, ActivityMapper.ToActivity(message), channelId, identity.AppId, ct);
                posted = new PostedMessage(thread.Conversation.Id, activityId, thread.ServiceUrl ?? channel.ServiceUrl, channel.TenantId);
            }, cancellationToken);
        }
        catch (ErrorResponseException ex) when (ex.Response?.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            // The bot was removed from the team (or blocked): no retry helps until it is added back.
            throw new ChannelForbiddenException(label, ex);
        }

        logger.LogInformation("Posted a new thread for {Department} in channel {ChannelId}: {ActivityId}", label, channelId, posted!.ActivityId);
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

using KyodoBot.Bot;
using KyodoBot.Core;
using KyodoBot.Operations;
using KyodoBot.Scheduling;

namespace KyodoBot;

public static class HostingExtensions
{
    public const string DefaultUrl = "http://localhost:3978";

    /// <summary>Everything the web host needs: Core, the Bot Framework edge, limits, health.</summary>
    public static WebApplicationBuilder AddKyodoHost(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MessagesEndpoint.MaxBodyBytes);
        builder.Services.AddProblemDetails();
        builder.Services.AddKyodoCore(builder.Configuration);
        builder.Services.AddKyodoBotFramework(builder.Configuration, builder.Environment);
        builder.Services.AddHostedService<DatabaseMigrationHostedService>();
        builder.Services.AddKyodoScheduler(builder.Configuration);
        builder.Services.AddSingleton<IReadinessCheck, DatabaseReadiness>();
        builder.Services.AddSingleton<IReadinessCheck, KnowledgeReadiness>();
        return builder;
    }

    public static WebApplication MapKyodoEndpoints(this WebApplication app)
    {
        var identity = app.Services.GetRequiredService<BotIdentity>();
        if (identity.IsAnonymous)
        {
            app.Logger.LogWarning(
                "MicrosoftAppId is not set: the bot runs in ANONYMOUS mode and accepts unauthenticated requests. " +
                "This is for local emulators only and is refused in Production.");
        }

        // A broken dialogs/*.yaml stops start-up here, naming the file, the field and the problem.
        _ = app.Services.GetRequiredService<KyodoBot.Core.Dialogs.DialogCatalog>();
        app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
        app.MapKyodoHealth();
        return app;
    }
}

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
        builder.Services.AddKyodoHealthChecks();
        return builder;
    }

    /// <summary>
    /// Opens and migrates the database before the host starts: a database that cannot be used (corrupt file, a folder,
    /// a server that does not answer) then stops start-up with one line naming it (exit code 2), not a hosting error.
    /// </summary>
    public static Task MigrateKyodoDatabaseAsync(this WebApplication app) =>
        app.Services.GetRequiredService<KyodoBot.Core.Storage.DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);

    public static WebApplication MapKyodoEndpoints(this WebApplication app)
    {
        // The options marked ValidateOnStart are checked now rather than when the host starts, so that bad
        // configuration stops start-up (naming the key) before the database is migrated.
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        var identity = app.Services.GetRequiredService<BotIdentity>();
        if (identity.IsAnonymous)
        {
            app.Logger.LogWarning(
                "MicrosoftAppId is not set: the bot runs in ANONYMOUS mode and accepts unauthenticated requests. " +
                "This is for local emulators only and is refused in Production.");
        }

        if (!app.Services.GetRequiredService<KyodoBot.Core.Access.AdminPolicy>().AnyConfigured)
        {
            // Closed by default (issue #9): with no admins, admin-only actions are refused to everyone; say so at start.
            app.Logger.LogWarning(
                "Kyodo:Admins is empty: nobody can register projects, move a department's channel without its current channel's " +
                "approval, or read 未回答一覧. Set Kyodo__Admins__0=<Entra object id> to name an administrator.");
        }

        // A broken dialogs/*.yaml stops start-up here, naming the file, the field and the problem; so does an intake
        // that lost a field the code reads.
        KyodoBot.Core.Proposals.ProposalIntakeFields.Check(app.Services.GetRequiredService<KyodoBot.Core.Dialogs.DialogCatalog>());
        app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
        app.MapKyodoHealth();
        return app;
    }
}

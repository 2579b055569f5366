using KyodoBot;
using KyodoBot.Cli;
using KyodoBot.Core.Hosting;

// Before any regular expression runs (the runtime reads the default once): see RegexSafety.
RegexSafety.Apply();

if (CliRunner.IsCommandLine(args))
{
    return await CliRunner.RunAsync(args);
}

try
{
    // Decided here, by one rule (HostEnvironmentName), rather than left to whichever variable the host reads last.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = HostEnvironmentName.ForThisProcess(args) });
    builder.AddKyodoHost();
    var app = builder.Build();
    app.MapKyodoEndpoints();
    await app.MigrateKyodoDatabaseAsync();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ConfigurationErrors.MessageOf(ex) is { } message)
{
    await Console.Error.WriteLineAsync($"KyodoBot cannot start: {message}");
    return 2;
}

public partial class Program;

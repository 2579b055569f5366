using KyodoBot;
using KyodoBot.Cli;
using KyodoBot.Core.Hosting;

if (CliRunner.IsVerb(args))
{
    return await CliRunner.RunAsync(args);
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddKyodoHost();
    var app = builder.Build();
    app.MapKyodoEndpoints();
    await app.RunAsync();
    return 0;
}
catch (KyodoConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"KyodoBot cannot start: {ex.Message}");
    return 2;
}

public partial class Program;

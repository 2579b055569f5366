using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KyodoBot.Core.Dialogs;

public static class DialogServiceCollectionExtensions
{
    /// <summary>The dialog catalog (<c>dialogs/*.yaml</c>) and the engine. Needs <c>ContentPaths</c>, <c>Texts</c>, <c>TimeProvider</c>.</summary>
    public static IServiceCollection AddKyodoDialogs(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DialogCatalog>();
        services.AddSingleton<DialogEngine>();
        return services;
    }
}

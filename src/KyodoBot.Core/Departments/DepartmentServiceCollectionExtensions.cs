using KyodoBot.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace KyodoBot.Core.Departments;

public static class DepartmentServiceCollectionExtensions
{
    /// <summary>The registry, who may act for a department, its commands and the move requests.</summary>
    public static IServiceCollection AddKyodoDepartments(this IServiceCollection services)
    {
        services.AddSingleton<DepartmentRegistry>();
        services.AddSingleton<DepartmentAccess>();
        services.AddSingleton<DepartmentMoves>();
        services.AddSingleton<ICommand, RegisterDepartmentCommand>();
        services.AddSingleton<ICommand, UnregisterDepartmentCommand>();
        services.AddSingleton<ICommand, ListDepartmentsCommand>();
        foreach (var verb in new[] { DepartmentMoveAction.Approve, DepartmentMoveAction.Refuse })
        {
            services.AddSingleton<ICardExecute>(sp => ActivatorUtilities.CreateInstance<DepartmentMoveAction>(sp, verb));
        }

        return services;
    }
}

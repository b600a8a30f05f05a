using Microsoft.EntityFrameworkCore.Design;

namespace IntegrationGovernance.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model; it never connects.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RegisterDbContext>
{
    public RegisterDbContext CreateDbContext(string[] args) =>
        new(DatabaseServiceCollectionExtensions.OptionsFor("Host=localhost;Database=design_time"));
}

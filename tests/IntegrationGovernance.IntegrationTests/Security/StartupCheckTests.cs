using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;

namespace IntegrationGovernance.IntegrationTests.Security;

/// <summary>A deployment that would fail open does not start.</summary>
public sealed class StartupCheckTests
{
    [Fact]
    public async Task Outside_Development_the_API_refuses_to_start_without_an_issuer_to_trust()
    {
        var failure = await StartAsync(new ProductionWithoutIssuer());

        Assert.Contains("Neither Authentication:Authority nor Authentication:SigningKeysFile is set in the Production environment", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_refuses_to_start_connected_as_a_role_that_could_bypass_the_record_keeping()
    {
        var failure = await StartAsync(new ConnectedAsSuperuser());

        Assert.Contains("superuser or owns the register's tables", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<Exception> StartAsync(RegisterApiFactory factory)
    {
        await factory.InitializeAsync();
        try
        {
            return Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    private sealed class ProductionWithoutIssuer : RegisterApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private sealed class ConnectedAsSuperuser : RegisterApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Register", ConnectionString);
        }
    }
}

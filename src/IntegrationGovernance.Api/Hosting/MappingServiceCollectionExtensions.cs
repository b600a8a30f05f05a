namespace IntegrationGovernance.Api.Hosting;

public static class MappingServiceCollectionExtensions
{
    /// <summary>
    /// AutoMapper, with the profiles beside each feature's contracts. AutoMapper 15+ is dual-licensed
    /// (RPL-1.5 or commercial): a licence key, if you hold one, goes in <c>AutoMapper:LicenseKey</c>.
    /// </summary>
    public static IServiceCollection AddRegisterMapping(this IServiceCollection services, IConfiguration configuration) =>
        services.AddAutoMapper(options => options.LicenseKey = configuration["AutoMapper:LicenseKey"], typeof(Program));
}

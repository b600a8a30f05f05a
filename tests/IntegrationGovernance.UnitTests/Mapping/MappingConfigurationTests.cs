using AutoMapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationGovernance.UnitTests.Mapping;

public sealed class MappingConfigurationTests
{
    [Fact]
    public void Every_profile_maps_every_member()
    {
        var configuration = new MapperConfiguration(cfg => cfg.AddMaps(typeof(Program).Assembly), NullLoggerFactory.Instance);

        configuration.AssertConfigurationIsValid();
    }
}

using AutoMapper;
using IntegrationGovernance.Infrastructure.RecordKeeping;

namespace IntegrationGovernance.Api.RecordKeeping;

public sealed class ProvenanceProfile : Profile
{
    public ProvenanceProfile() => CreateMap<RecordProvenance, ProvenanceResponse>();
}

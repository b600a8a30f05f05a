using AutoMapper;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.Infrastructure.Organisations;

namespace IntegrationGovernance.Api.Organisations;

/// <summary>Maps organisations and successions between the domain and the contracts.</summary>
public sealed class OrganisationsProfile : Profile
{
    public OrganisationsProfile()
    {
        CreateMap<Organisation, OrganisationResponse>();
        CreateMap<EarlierType, EarlierTypeContract>();
        CreateMap<OrganisationRequest, OrganisationDetails>();
        CreateMap<SuccessionRequest, SuccessionDetails>();
        CreateMap<SuccessionTransfer, SuccessionTransferContract>();
        CreateMap<Succession, SuccessionResponse>();
        CreateMap<ChainLink, OrganisationSummary>()
            .ForMember(s => s.Id, o => o.MapFrom(l => l.OrganisationId));
        CreateMap<ChainLink, SuccessionLinkResponse>()
            .ForMember(r => r.Organisation, o => o.MapFrom(l => l));
    }
}

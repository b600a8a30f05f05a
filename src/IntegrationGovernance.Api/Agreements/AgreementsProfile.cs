using AutoMapper;
using IntegrationGovernance.Domain.Agreements;

namespace IntegrationGovernance.Api.Agreements;

public sealed class AgreementsProfile : Profile
{
    public AgreementsProfile()
    {
        CreateMap<AgreementPartyContract, AgreementParty>().ReverseMap();
        CreateMap<DocumentContract, DocumentLink>().ReverseMap();
        CreateMap<ApprovalContract, Approval>().ReverseMap();
        CreateMap<AgreementRequest, AgreementDetails>();
        CreateMap<StatusChange, StatusChangeResponse>();
        CreateMap<Variation, VariationResponse>();
        CreateMap<Agreement, AgreementResponse>()
            .ForMember(r => r.OnDate, o => o.Ignore());
    }
}

using AutoMapper;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Infrastructure.Agreements;

namespace IntegrationGovernance.Api.Agreements;

public sealed class AgreementsProfile : Profile
{
    public AgreementsProfile()
    {
        // a variation's null list means "unchanged", never "now empty"
        AllowNullCollections = true;
        CreateMap<AgreementPartyContract, AgreementParty>().ReverseMap();
        CreateMap<DocumentContract, DocumentLink>().ReverseMap();
        CreateMap<ApprovalContract, Approval>().ReverseMap();
        CreateMap<AgreementRequest, AgreementDetails>();
        CreateMap<StatusChange, StatusChangeResponse>();
        CreateMap<PartyChangeContract, PartyChange>().ReverseMap();
        CreateMap<Variation, VariationResponse>();
        CreateMap<VariationRequest, VariationDetails>();
        CreateMap<Notice, NoticeResponse>();
        CreateMap<TermPeriod, TermPeriodResponse>();
        CreateMap<TermsInForce, OnDateResponse>()
            .ForMember(r => r.Date, o => o.Ignore());
        CreateMap<Variation, UnassignedTransferResponse>()
            .ForMember(r => r.SuccessionId, o => o.MapFrom(v => v.SuccessionId!.Value))
            .ForMember(r => r.PredecessorId, o => o.MapFrom(v => v.Parties[0].OrganisationId));
        CreateMap<InForceRow, InForceSummaryResponse>()
            .ForMember(r => r.Date, o => o.Ignore());
        CreateMap<AgreementSummaryRow, AgreementSummaryResponse>()
            .ForMember(r => r.Href, o => o.Ignore());
        CreateMap<Agreement, AgreementResponse>()
            .ForMember(r => r.Periods, o => o.MapFrom(a => a.Periods))
            .ForMember(r => r.UnassignedTransfers, o => o.MapFrom(a => a.UnassignedTransfers))
            .ForMember(r => r.OnDate, o => o.Ignore());
    }
}

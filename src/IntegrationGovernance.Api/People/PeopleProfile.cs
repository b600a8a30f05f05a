using AutoMapper;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.People;

namespace IntegrationGovernance.Api.People;

public sealed class PeopleProfile : Profile
{
    public PeopleProfile()
    {
        // the holder is read from the post's holdings, as the caller may see it (PostHolders)
        CreateMap<Post, PostResponse>().ForMember(r => r.Titles, o => o.MapFrom(p => p.TitlePeriods()))
            .ForMember(r => r.HolderReference, o => o.Ignore())
            .ForMember(r => r.HolderKind, o => o.Ignore());
        CreateMap<PostTitlePeriod, PostTitleResponse>();
        CreateMap<AccountabilityLine, AccountabilityLineResponse>();
        CreateMap<ChainStep, ChainStepResponse>();
        CreateMap<Secondment, SecondmentResponse>();
        CreateMap<PostHolding, PostHoldingResponse>();
        CreateMap<JointArrangement, JointArrangementResponse>();
    }
}

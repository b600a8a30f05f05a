using AutoMapper;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.People;

namespace IntegrationGovernance.Api.People;

public sealed class PeopleProfile : Profile
{
    public PeopleProfile()
    {
        CreateMap<Post, PostResponse>().ForMember(r => r.Titles, o => o.MapFrom(p => p.TitlePeriods()));
        CreateMap<PostTitlePeriod, PostTitleResponse>();
        CreateMap<AccountabilityLine, AccountabilityLineResponse>();
        CreateMap<ChainStep, ChainStepResponse>();
        CreateMap<Secondment, SecondmentResponse>();
    }
}

using AutoMapper;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.Api.PooledFunds;

public sealed class PooledFundsProfile : Profile
{
    public PooledFundsProfile()
    {
        CreateMap<PartnerShare, PartnerShareContract>().ReverseMap();
        CreateMap<RiskShare, RiskShareResponse>()
            .ForMember(r => r.FinancialYear, o => o.MapFrom(r => new FinancialYear(r.FinancialYearStart).ToString()));
        CreateMap<PooledFund, PooledFundResponse>();
        CreateMap<Contribution, ContributionResponse>()
            .ForMember(c => c.FinancialYear, o => o.MapFrom(c => new FinancialYear(c.FinancialYearStart).ToString()));
        CreateMap<LedgerLine, LedgerLineResponse>()
            .ForMember(l => l.Date, o => o.MapFrom(l => l.BookedOn))
            .ForMember(l => l.FinancialYear, o => o.MapFrom(l => new FinancialYear(l.FinancialYearStart).ToString()));
    }
}

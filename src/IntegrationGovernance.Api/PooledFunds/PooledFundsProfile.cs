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
        CreateMap<LedgerPeriod, LedgerPeriodResponse>()
            .ForMember(p => p.FinancialYear, o => o.MapFrom(p => new FinancialYear(p.FinancialYearStart).ToString()))
            .ForMember(p => p.StartsOn, o => o.MapFrom(p => p.MonthPeriod.FirstDay))
            .ForMember(p => p.EndsOn, o => o.MapFrom(p => p.MonthPeriod.LastDay));
        CreateMap<LedgerPeriodStatus, LedgerPeriodResponse>().ConvertUsing((status, _, context) => status.Record is { } record
            ? context.Mapper.Map<LedgerPeriodResponse>(record)
            : new LedgerPeriodResponse
            {
                FundId = status.FundId,
                FinancialYear = status.Period.Year.ToString(),
                Period = status.Period.Number,
                StartsOn = status.Period.FirstDay,
                EndsOn = status.Period.LastDay,
                State = status.State,
            });

        CreateMap<ContributionFigures, ContributionFiguresResponse>()
            .ForMember(f => f.Planned, o => o.MapFrom(f => f.Planned ?? 0m))
            .ForMember(f => f.Revised, o => o.MapFrom(f => f.Revised ?? 0m))
            .ForMember(f => f.Actual, o => o.MapFrom(f => f.Actual ?? 0m));
        CreateMap<PartnerStatement, PartnerFiguresResponse>()
            .ForMember(p => p.Planned, o => o.MapFrom(p => p.Cash.Planned ?? 0m))
            .ForMember(p => p.Revised, o => o.MapFrom(p => p.Cash.Revised ?? 0m))
            .ForMember(p => p.Actual, o => o.MapFrom(p => p.Cash.Actual ?? 0m))
            .ForMember(p => p.Effective, o => o.MapFrom(p => p.Cash.Effective));
        CreateMap<PeriodSpend, PeriodFiguresResponse>()
            .ForMember(p => p.Spend, o => o.MapFrom(p => p.Amount));
        CreateMap<FundYearStatement, FundSummaryResponse>()
            .ForMember(s => s.FinancialYear, o => o.MapFrom(s => s.FinancialYear.ToString()))
            .ForMember(s => s.FromPeriod, o => o.MapFrom(s => s.PeriodRange.From))
            .ForMember(s => s.ToPeriod, o => o.MapFrom(s => s.PeriodRange.To));
    }
}

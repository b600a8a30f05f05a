using AutoMapper;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.Api.PooledFunds;

public sealed class FundBudgetsProfile : Profile
{
    public FundBudgetsProfile()
    {
        CreateMap<BudgetLine, BudgetLineContract>();
        CreateMap<FundBudget, FundBudgetResponse>()
            .ForMember(b => b.FinancialYear, o => o.MapFrom(b => b.FinancialYear.ToString()));
        CreateMap<ForecastLine, ForecastLineContract>();
        CreateMap<ForecastOutturn, ForecastOutturnResponse>()
            .ForMember(f => f.FinancialYear, o => o.MapFrom(f => f.FinancialYear.ToString()));

        CreateMap<PartnerBudget, PartnerBudgetResponse>();
        CreateMap<ReportCategory, ReportCategoryResponse>();
        CreateMap<ReportTotals, ReportTotalsResponse>();
        CreateMap<ReportPartner, ReportPartnerResponse>();
        CreateMap<MonthlyReport, MonthlyReportResponse>()
            .ForMember(r => r.FinancialYear, o => o.MapFrom(r => r.FinancialYear.ToString()));
    }
}

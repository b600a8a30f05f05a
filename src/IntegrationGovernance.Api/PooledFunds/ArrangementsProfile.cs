using AutoMapper;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>Transfer payments and aligned budgets as the contract shows them.</summary>
public sealed class ArrangementsProfile : Profile
{
    public ArrangementsProfile()
    {
        CreateMap<TransferPayment, TransferPaymentResponse>()
            .ForMember(p => p.FinancialYear, o => o.MapFrom(p => new FinancialYear(p.FinancialYearStart).ToString()))
            .ForMember(p => p.Corrects, o => o.MapFrom(p => p.CorrectsId))
            .ForMember(p => p.RecordedAt, o => o.MapFrom(p => p.CreatedAt))
            .ForMember(p => p.CorrectedBy, o => o.Ignore()); // from the payment that corrects it, which the read finds
        CreateMap<AlignedBudgetCategory, AlignedBudgetCategoryContract>();
        CreateMap<AlignedBudgetReport, AlignedBudgetReportResponse>()
            .ForMember(r => r.FinancialYear, o => o.MapFrom(r => new FinancialYear(r.FinancialYearStart).ToString()))
            .ForMember(r => r.ReportedAt, o => o.MapFrom(r => r.CreatedAt))
            .ForMember(r => r.ReplacedBy, o => o.Ignore()); // from the report that replaced it, which the read finds
    }
}

using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Infrastructure.Agreements;

namespace IntegrationGovernance.Api.Agreements;

/// <summary>A summary row as the lists answer it: with the day its terms are in force on, and the path of the whole agreement.</summary>
public static class AgreementSummaries
{
    public static AgreementSummaryResponse ToResponse(AgreementSummaryRow row, DateOnly day, HttpContext http, IMapper mapper)
    {
        var response = mapper.Map<AgreementSummaryResponse>(row) with { Href = http.PathTo(nameof(AgreementsEndpoints.GetAgreement), new { id = row.Id }) };
        return row.InForce is null ? response : response with { InForce = response.InForce! with { Date = day } };
    }
}

using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Infrastructure.Agreements;

namespace IntegrationGovernance.Api.Agreements;

public static class AgreementSummaries
{
    public static AgreementSummaryResponse ToResponse(AgreementSummaryRow row, DateOnly day, HttpContext http, IMapper mapper)
    {
        var response = mapper.Map<AgreementSummaryResponse>(row) with { Href = http.PathTo(nameof(AgreementsEndpoints.GetAgreement), new { id = row.Id }) };
        return row.InForce is null ? response : response with { InForce = response.InForce! with { Date = day } };
    }
}

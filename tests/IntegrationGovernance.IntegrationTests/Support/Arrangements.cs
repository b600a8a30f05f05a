using System.Net;
using System.Net.Http.Json;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Domain.Agreements;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>Transfer payments and aligned budgets, through the public API.</summary>
public static class Arrangements
{
    public const string ExportUrl = "/api/v1/finance/export";

    public static string PaymentsUrl(Guid agreement) => $"{Agreements.Url}/{agreement}/transfer-payments";

    public static string AlignedUrl(Guid agreement) => $"{Agreements.Url}/{agreement}/aligned-budgets";

    public static string AlignedUrl(Guid agreement, string year, Guid partner) => $"{AlignedUrl(agreement)}/{year}/{partner}";

    /// <summary>A section 256 (or, with <paramref name="basis"/>, section 76) agreement between the council and the PCT.</summary>
    public static AgreementRequest Transfer(string reference, Agreements.Parties parties, StatutoryBasis basis = StatutoryBasis.Section256NhsAct2006,
        string commencesOn = "2012-04-01") => Agreements.Section75(reference, parties, commencesOn, null) with
        {
            Title = $"Transfer agreement {reference}",
            Basis = basis,
            Flexibilities = [],
            Parties =
        [
            new AgreementPartyContract { OrganisationId = parties.Council.Id, Role = PartyRole.Partner },
            new AgreementPartyContract { OrganisationId = parties.Pct.Id, Role = PartyRole.Partner },
        ],
        };

    /// <summary>An active section 256 agreement between a new council and PCT, from 1 April 2012.</summary>
    public static async Task<(AgreementResponse Agreement, Agreements.Parties Parties)> TransferAgreementAsync(this HttpClient admin, string prefix,
        StatutoryBasis basis = StatutoryBasis.Section256NhsAct2006)
    {
        var parties = await admin.CouncilAndPctAsync(prefix);
        var (agreement, _) = await admin.ActiveAgreementAsync(Transfer($"XFER-{Guid.NewGuid():N}"[..20], parties, basis), parties.Council.Id);
        return (agreement, parties);
    }

    public static TransferPaymentRequest Payment(Guid payer, Guid payee, decimal amount, string year = "2015-16", Guid? corrects = null) => new()
    {
        FinancialYear = year,
        PayerId = payer,
        PayeeId = payee,
        Amount = amount,
        Purpose = "Towards reablement social care",
        Conditions = "Paid quarterly in advance; unspent sums are returned.",
        Corrects = corrects,
    };

    public static async Task<TransferPaymentResponse> PayAsync(this HttpClient client, Guid agreement, TransferPaymentRequest payment) =>
        await (await client.PostJsonAsync(PaymentsUrl(agreement), payment)).ReadAsync<TransferPaymentResponse>(HttpStatusCode.Created);

    public static AlignedBudgetRequest Aligned(decimal budget, decimal spend, params (string Category, decimal Budget, decimal Spend)[] categories) => new()
    {
        Budget = budget,
        Spend = spend,
        Categories = categories.Select(c => new AlignedBudgetCategoryContract { Category = c.Category, Budget = c.Budget, Spend = c.Spend }).ToList(),
    };

    /// <summary>PUTs a report: with <c>If-None-Match: *</c> when <paramref name="ifMatch"/> is "*first", else with it in If-Match (or no precondition when null).</summary>
    public static async Task<HttpResponseMessage> ReportAlignedAsync(this HttpClient client, Guid agreement, string year, Guid partner, AlignedBudgetRequest body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, AlignedUrl(agreement, year, partner)) { Content = JsonContent.Create(body, options: ApiJson.Options) };
        if (ifMatch == First)
            request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        else if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    /// <summary>Reports a partner's figures, first or replacing its latest, and returns the report.</summary>
    public static async Task<AlignedBudgetReportResponse> AlignAsync(this HttpClient client, Guid agreement, string year, Guid partner, AlignedBudgetRequest body)
    {
        var current = await client.GetAsync(AlignedUrl(agreement, year, partner));
        var response = await client.ReportAlignedAsync(agreement, year, partner, body,
            current.StatusCode == HttpStatusCode.NotFound ? First : current.Headers.ETag!.ToString());
        return await response.ReadAsync<AlignedBudgetReportResponse>(current.StatusCode == HttpStatusCode.NotFound ? HttpStatusCode.Created : HttpStatusCode.OK);
    }

    public const string First = "*first";
}

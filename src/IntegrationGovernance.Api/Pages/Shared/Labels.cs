using System.Globalization;
using IntegrationGovernance.Domain.Agreements;

namespace IntegrationGovernance.Api.Pages.Shared;

/// <summary>How the register's words read to an officer.</summary>
public static class Labels
{
    public static readonly IReadOnlyList<(StatutoryBasis Value, string Text)> Bases =
    [
        (StatutoryBasis.Section75NhsAct2006, "Section 75, NHS Act 2006"),
        (StatutoryBasis.Section31HealthAct1999, "Section 31, Health Act 1999"),
        (StatutoryBasis.Section113LocalGovernmentAct1972, "Section 113, Local Government Act 1972"),
        (StatutoryBasis.Section256NhsAct2006, "Section 256, NHS Act 2006"),
        (StatutoryBasis.Section76NhsAct2006, "Section 76, NHS Act 2006"),
        (StatutoryBasis.Section10ChildrenAct2004, "Section 10, Children Act 2004"),
        (StatutoryBasis.Section65Z5NhsAct2006, "Section 65Z5, NHS Act 2006"),
        (StatutoryBasis.MemorandumOfAgreement, "Memorandum of agreement"),
        (StatutoryBasis.Other, "Other"),
    ];

    public static string Basis(StatutoryBasis basis) => Bases.FirstOrDefault(b => b.Value == basis).Text ?? basis.ToString();

    public static string Words(Enum value)
    {
        var text = value.ToString();
        var spaced = string.Concat(text.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(text[i - 1]) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return spaced;
    }

    public static string Day(DateOnly? day) => day?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "–";

    public static string Moment(DateTimeOffset moment) => moment.UtcDateTime.ToString("d MMMM yyyy, HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("£#,##0.00;−£#,##0.00", CultureInfo.InvariantCulture);

    public static string StatusTagClass(AgreementStatus status) => status switch
    {
        AgreementStatus.Active => "govuk-tag--green",
        AgreementStatus.Approved => "govuk-tag--blue",
        AgreementStatus.Draft => "govuk-tag--grey",
        AgreementStatus.Suspended => "govuk-tag--yellow",
        AgreementStatus.Terminated => "govuk-tag--red",
        AgreementStatus.Expired => "govuk-tag--orange",
        _ => "govuk-tag--grey",
    };
}

namespace IntegrationGovernance.Domain.Organisations;

/// <summary>The kinds of body that take part in English health and care partnerships.</summary>
public enum OrganisationType
{
    CountyCouncil,
    DistrictCouncil,
    UnitaryAuthority,
    MetropolitanBorough,
    LondonBorough,
    PrimaryCareTrust,
    ClinicalCommissioningGroup,
    IntegratedCareBoard,
    NhsTrust,
    NhsFoundationTrust,
    NhsEngland,
    StrategicHealthAuthority,
    CareTrust,
    CommunityInterestCompany,
    VoluntaryOrCommunityOrganisation,
    PartnershipBoard,
}

public static class OrganisationTypes
{
    public static bool IsLocalAuthority(this OrganisationType type) => type is
        OrganisationType.CountyCouncil or OrganisationType.DistrictCouncil or OrganisationType.UnitaryAuthority
        or OrganisationType.MetropolitanBorough or OrganisationType.LondonBorough;

    public static bool IsNhsBody(this OrganisationType type) => type is
        OrganisationType.PrimaryCareTrust or OrganisationType.ClinicalCommissioningGroup or OrganisationType.IntegratedCareBoard
        or OrganisationType.NhsTrust or OrganisationType.NhsFoundationTrust or OrganisationType.NhsEngland
        or OrganisationType.StrategicHealthAuthority or OrganisationType.CareTrust;

    /// <summary>
    /// An NHS commissioner, whose power it is to pay a local authority under section 256 of the NHS Act 2006: a primary
    /// care trust (to 2013), a clinical commissioning group (2013 to 2022), an integrated care board (from 1 July 2022) or
    /// NHS England; and a care trust, most of which were primary care trusts designated as care trusts. NHS trusts and
    /// foundation trusts provide services and make no such payments.
    /// </summary>
    public static bool IsNhsCommissioner(this OrganisationType type) => type is
        OrganisationType.PrimaryCareTrust or OrganisationType.ClinicalCommissioningGroup or OrganisationType.IntegratedCareBoard
        or OrganisationType.NhsEngland or OrganisationType.CareTrust;
}

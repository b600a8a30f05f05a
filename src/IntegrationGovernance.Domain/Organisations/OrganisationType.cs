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
}

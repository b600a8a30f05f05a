namespace IntegrationGovernance.Domain.Organisations;

/// <summary>The kinds of body that take part in English health and care partnerships.</summary>
public enum OrganisationType
{
    CountyCouncil,
    DistrictCouncil,
    UnitaryAuthority,
    MetropolitanBorough,
    LondonBorough,

    /// <summary>The Common Council of the City of London, a local authority in the partnership regulations (SI 2000/617 reg 3(2)).</summary>
    CityOfLondonCorporation,

    /// <summary>The Council of the Isles of Scilly, a council of its own kind (s265 Local Government Act 1972).</summary>
    CouncilOfTheIslesOfScilly,
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
    /// <summary>A governance body: a council's Cabinet, a PCT Board, a Children's Trust Board, a joint commissioning board.</summary>
    PartnershipBoard,

    /// <summary>A council's Health and Wellbeing Board (Health and Social Care Act 2012 s194): a committee of the council.</summary>
    HealthAndWellbeingBoard,
}

public static class OrganisationTypes
{
    public static bool IsLocalAuthority(this OrganisationType type) => type is
        OrganisationType.CountyCouncil or OrganisationType.DistrictCouncil or OrganisationType.UnitaryAuthority
        or OrganisationType.MetropolitanBorough or OrganisationType.LondonBorough
        or OrganisationType.CityOfLondonCorporation or OrganisationType.CouncilOfTheIslesOfScilly;

    /// <summary>A board or committee that decides for the organisation it is part of, rather than a body of its own.</summary>
    public static bool IsGovernanceBody(this OrganisationType type) => type is OrganisationType.PartnershipBoard or OrganisationType.HealthAndWellbeingBoard;

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

/// <summary>A type an organisation had before its present one, up to and including its last day.</summary>
public sealed record EarlierType(OrganisationType Type, DateOnly Until);

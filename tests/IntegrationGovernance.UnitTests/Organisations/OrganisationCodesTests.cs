using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.UnitTests.Organisations;

public sealed class OrganisationCodesTests
{
    [Theory]
    [InlineData("5FL", OrganisationType.PrimaryCareTrust)]
    [InlineData("11E", OrganisationType.ClinicalCommissioningGroup)]
    [InlineData("D2P2L", OrganisationType.ClinicalCommissioningGroup)]
    [InlineData("QOX", OrganisationType.IntegratedCareBoard)]
    [InlineData("RD1", OrganisationType.NhsFoundationTrust)]
    [InlineData("TAJ", OrganisationType.NhsFoundationTrust)]
    [InlineData("RD130", OrganisationType.NhsTrust)]
    [InlineData("TAK", OrganisationType.CareTrust)]
    [InlineData("X24", OrganisationType.NhsEngland)]
    public void Real_ods_codes_are_accepted(string code, OrganisationType type) =>
        Assert.Null(OrganisationCodes.OdsCodeProblem(code, type));

    [Theory]
    [InlineData("5F", OrganisationType.PrimaryCareTrust)]
    [InlineData("5FLX", OrganisationType.PrimaryCareTrust)]
    [InlineData("5fl", OrganisationType.PrimaryCareTrust)]
    [InlineData("RXT", OrganisationType.PrimaryCareTrust)]
    [InlineData("5FL", OrganisationType.CareTrust)]
    [InlineData("QOX", OrganisationType.NhsTrust)]
    [InlineData("Q-X", OrganisationType.IntegratedCareBoard)]
    public void Malformed_ods_codes_are_refused_with_a_reason(string code, OrganisationType type) =>
        Assert.NotNull(OrganisationCodes.OdsCodeProblem(code, type));

    [Theory]
    [InlineData("E06000022", true)]
    [InlineData("E10000015", true)]
    [InlineData("W06000015", true)]
    [InlineData("E0600002", false)]
    [InlineData("E060000222", false)]
    [InlineData("X06000022", false)]
    public void Gss_codes_are_a_country_letter_and_eight_digits(string code, bool valid) =>
        Assert.Equal(valid, OrganisationCodes.GssCodeProblem(code) is null);

    [Theory]
    [InlineData(" 5fl ", "5FL")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Codes_are_normalised_to_trimmed_upper_case(string? given, string? stored) =>
        Assert.Equal(stored, OrganisationCodes.Normalise(given));
}

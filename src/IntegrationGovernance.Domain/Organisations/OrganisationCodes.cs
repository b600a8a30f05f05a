using System.Text.RegularExpressions;

namespace IntegrationGovernance.Domain.Organisations;

/// <summary>
/// Formats of the identifiers organisations are known by: ODS codes (NHS Organisation Data Service,
/// formats per the NHS Data Dictionary) and GSS codes (ONS Government Statistical Service).
/// </summary>
public static partial class OrganisationCodes
{
    /// <summary>An ODS code as the register keeps it: 3 or 5 letters and digits, upper-case.</summary>
    public const string OdsPattern = "^[A-Z0-9]{3}([A-Z0-9]{2})?$";

    /// <summary>A GSS code: a country letter and 8 digits.</summary>
    public const string GssPattern = "^[EWSN][0-9]{8}$";

    /// <summary>Trims and upper-cases a code; codes are case-insensitive on the way in and stored upper-case.</summary>
    public static string? Normalise(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    /// <summary>Why an ODS code is not valid for an organisation of this type, or null when it is.</summary>
    public static string? OdsCodeProblem(string code, OrganisationType type)
    {
        if (!OdsFormat().IsMatch(code))
            return "An ODS code is 3 or 5 letters and digits, e.g. 5FL, QOX or RXT.";
        return type switch
        {
            OrganisationType.PrimaryCareTrust when !PctFormat().IsMatch(code) =>
                "A primary care trust's ODS code is 5 followed by 2 letters or digits, e.g. 5FL.",
            OrganisationType.CareTrust when !CareTrustFormat().IsMatch(code) =>
                "A care trust's ODS code is T followed by 2 letters or digits, e.g. TAK.",
            OrganisationType.NhsTrust or OrganisationType.NhsFoundationTrust when !TrustFormat().IsMatch(code) =>
                "An NHS trust's ODS code is R or T followed by 2 letters or digits (e.g. RXT), or a 5-character site code.",
            _ => null,
        };
    }

    /// <summary>Why a GSS code is not valid, or null when it is.</summary>
    public static string? GssCodeProblem(string code) =>
        GssFormat().IsMatch(code) ? null : "A GSS code is a country letter (E, W, S or N) followed by 8 digits, e.g. E06000022.";

    [GeneratedRegex(OdsPattern)]
    private static partial Regex OdsFormat();

    [GeneratedRegex("^5[A-Z0-9]{2}$")]
    private static partial Regex PctFormat();

    [GeneratedRegex("^T[A-Z0-9]{2}$")]
    private static partial Regex CareTrustFormat();

    [GeneratedRegex("^([RT][A-Z0-9]{2}|[A-Z0-9]{5})$")]
    private static partial Regex TrustFormat();

    [GeneratedRegex(GssPattern)]
    private static partial Regex GssFormat();
}

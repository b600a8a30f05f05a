namespace IntegrationGovernance.Api.Security;

/// <summary>What a token may do. A token carries them space-separated in its <c>scope</c> claim.</summary>
public static class Scopes
{
    public const string RegisterRead = "register:read";
    public const string RegisterWrite = "register:write";
    public const string FinanceRead = "finance:read";
    public const string FinanceWrite = "finance:write";
    public const string PeopleRead = "people:read";
    public const string PeopleWrite = "people:write";

    /// <summary>Administers the register; satisfies every other scope.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [RegisterRead, RegisterWrite, FinanceRead, FinanceWrite, PeopleRead, PeopleWrite, Admin];

    /// <summary>The claim naming the organisation the caller acts for (its register id, ODS code or GSS code).</summary>
    public const string OrganisationClaim = "org";

    public const string ScopeClaim = "scope";
}

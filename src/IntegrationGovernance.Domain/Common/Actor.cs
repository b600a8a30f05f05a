namespace IntegrationGovernance.Domain.Common;

/// <summary>
/// Who makes a change: the organisation a caller acts for, or the register's administrator (who records what the
/// parties have agreed elsewhere, and so needs no one's consent in the register).
/// </summary>
public sealed record Actor(Guid? OrganisationId, bool IsAdministrator)
{
    public static readonly Actor Administrator = new(null, true);

    public static Actor For(Guid organisationId) => new(organisationId, false);

    /// <summary>True for the administrator, or when acting for <paramref name="organisationId"/>.</summary>
    public bool ActsFor(Guid? organisationId) => IsAdministrator || (organisationId is not null && OrganisationId == organisationId);
}

using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.UnitTests.Organisations;

public sealed class OrganisationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Valid_details_break_no_rule() =>
        Assert.Empty(Details(ods: "5FL", from: new(2002, 4, 1), to: new(2013, 3, 31)).Validate());

    [Fact]
    public void An_end_before_the_start_is_reported_on_operationalTo() =>
        Assert.Equal(["$.operationalTo"], Details(from: new(2013, 4, 1), to: new(2013, 3, 31)).Validate().Select(v => v.Field));

    [Fact]
    public void A_one_day_organisation_is_allowed() =>
        Assert.Empty(Details(from: new(2013, 4, 1), to: new(2013, 4, 1)).Validate());

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var details = new OrganisationDetails(" ", (OrganisationType)99, null, "X1", new(2013, 4, 1), new(2013, 3, 1));

        Assert.Equal(["$.name", "$.type", "$.gssCode", "$.operationalTo"], details.Validate().Select(v => v.Field));
    }

    [Fact]
    public void Closing_sets_the_last_day()
    {
        var organisation = Organisation.Create(Details(from: new(2002, 4, 1)), Now);

        Assert.Empty(organisation.Close(new DateOnly(2013, 3, 31), Now.AddDays(1)));
        Assert.Equal(new DateOnly(2013, 3, 31), organisation.OperationalTo);
        Assert.Equal(Now.AddDays(1), organisation.UpdatedAt);
        Assert.Equal(Now, organisation.CreatedAt);
    }

    [Fact]
    public void Closing_before_the_start_is_refused_and_changes_nothing()
    {
        var organisation = Organisation.Create(Details(from: new(2002, 4, 1)), Now);

        Assert.Equal(["$.lastDay"], organisation.Close(new DateOnly(2001, 1, 1), Now).Select(v => v.Field));
        Assert.Null(organisation.OperationalTo);
    }

    [Fact]
    public void Closing_twice_is_a_conflict()
    {
        var organisation = Organisation.Create(Details(), Now);
        organisation.Close(new DateOnly(2013, 3, 31), Now);

        var refusal = Assert.Throws<RegisterRuleException>(() => organisation.Close(new DateOnly(2014, 3, 31), Now));
        Assert.Equal(RuleKind.Conflict, refusal.Kind);
        Assert.Equal(new DateOnly(2013, 3, 31), organisation.OperationalTo);
    }

    private static OrganisationDetails Details(string? ods = null, DateOnly? from = null, DateOnly? to = null) =>
        new("NHS B&NES", OrganisationType.PrimaryCareTrust, ods, null, from, to);
}

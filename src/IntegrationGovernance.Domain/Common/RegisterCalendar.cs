namespace IntegrationGovernance.Domain.Common;

/// <summary>Legal dates are English dates: "today" is the date in London, not in UTC.</summary>
public static class RegisterCalendar
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), London).DateTime);
}

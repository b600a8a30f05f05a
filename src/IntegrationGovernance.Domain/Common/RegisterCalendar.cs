namespace IntegrationGovernance.Domain.Common;

/// <summary>Legal dates are English dates: "today" is the date in London, not in UTC.</summary>
public static class RegisterCalendar
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());

    /// <summary>The day it was in London at <paramref name="moment"/>: the register's "today" then.</summary>
    public static DateOnly DayOf(DateTimeOffset moment) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, London).DateTime);

    /// <summary>
    /// The day <paramref name="days"/> days after <paramref name="day"/>; a window that would run past the end of the
    /// calendar (from 9999-12-31, say) ends with it rather than failing.
    /// </summary>
    public static DateOnly DaysAfter(DateOnly day, int days) =>
        DateOnly.FromDayNumber((int)Math.Clamp((long)day.DayNumber + days, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber));
}

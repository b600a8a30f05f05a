using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.IntegrationTests.Support;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>
/// A close and a booking racing never let a line into a closed period: each is held open in a transaction of its own
/// here, and the other, made through the API meanwhile, is seen waiting on it in PostgreSQL before the first commits.
/// </summary>
public sealed class LedgerPeriodRaceTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task A_booking_made_while_a_close_of_its_period_is_under_way_waits_for_it_and_is_refused_when_it_commits()
    {
        var (fund, _) = await _admin.FundAsync("Race close first");
        await using var close = new NpgsqlConnection(api.ConnectionString);
        await close.OpenAsync();
        await using var closing = await close.BeginTransactionAsync();
        // what CloseLedgerPeriod does: the fund's row FOR NO KEY UPDATE, then the period's record, not yet committed
        await new NpgsqlCommand($"""
            SELECT set_config('register.actor_subject', 'race-test', true);
            SELECT id FROM pooled_funds WHERE id = '{fund.Id}' FOR NO KEY UPDATE;
            INSERT INTO ledger_periods (id, fund_id, financial_year_start, period, state, closed_at, closed_by, created_at, updated_at)
            VALUES (gen_random_uuid(), '{fund.Id}', 2015, 3, 'Closed', now(), 'race-test', now(), now());
            """, close, closing).ExecuteNonQueryAsync();

        // the close is not committed, so the check in code lets the line through to the database, which waits
        var booking = _admin.PostJsonAsync($"{Funds.Url}/{fund.Id}/ledger-lines", new LedgerLineRequest
        {
            Date = new DateOnly(2015, 6, 12), Amount = 99.99m, Category = "Care", ExternalReference = "RACE-1",
        });
        await WaitUntilTheApiWaitsOnALockAsync(booking);
        await closing.CommitAsync();

        var refused = await (await booking).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(ProblemTypes.ForRule("period-closed"), (string?)refused["type"]);
        Assert.NotEmpty(refused.ErrorsFor("$.date"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM ledger_lines WHERE fund_id = '{fund.Id}'"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM ledger_period_totals WHERE fund_id = '{fund.Id}'"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM ledger_bookings WHERE fund_id = '{fund.Id}'"));
    }

    [Fact]
    public async Task A_close_made_while_a_booking_in_its_period_is_under_way_waits_for_the_booking_to_commit_first()
    {
        var (fund, _) = await _admin.FundAsync("Race booking first");
        // a booking as the API's role makes it: the booking, then its line, whose statement takes the fund's row FOR SHARE
        await using var book = new NpgsqlConnection(TestDatabases.AsApiRole(api.ConnectionString));
        await book.OpenAsync();
        await using var booking = await book.BeginTransactionAsync();
        await new NpgsqlCommand($"""
            SELECT set_config('register.actor_subject', 'race-test', true);
            INSERT INTO ledger_bookings (id, fund_id, created_at, line_count, amount_total) VALUES ('{Guid.CreateVersion7()}', '{fund.Id}', now(), 1, 10.00);
            INSERT INTO ledger_lines (fund_id, booked_on, amount, category, external_reference, financial_year_start, period, created_at, booking_id)
            SELECT '{fund.Id}', date '2015-06-12', 10.00, 'Care', 'RACE-2', 2015, 3, now(), id FROM ledger_bookings WHERE fund_id = '{fund.Id}';
            """, book, booking).ExecuteNonQueryAsync();

        var close = api.CreateClient().PostAsync($"{Funds.Url}/{fund.Id}/periods/2015-16/3/close", null);
        await WaitUntilTheApiWaitsOnALockAsync(close);
        await booking.CommitAsync();

        var closed = await (await close).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);
        Assert.Equal(LedgerPeriodState.Closed, closed.State);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM ledger_lines WHERE fund_id = '{fund.Id}' AND period = 3"));
        // the line is in, as it was booked before the period closed; the next is not
        var next = await (await _admin.PostJsonAsync($"{Funds.Url}/{fund.Id}/ledger-lines", new LedgerLineRequest
        {
            Date = new DateOnly(2015, 6, 13), Amount = 1m, Category = "Care", ExternalReference = "RACE-3",
        })).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(ProblemTypes.ForRule("period-closed"), (string?)next["type"]);
    }

    /// <summary>Until PostgreSQL shows one of the API's sessions waiting for a lock (the request is not allowed to finish first).</summary>
    private async Task WaitUntilTheApiWaitsOnALockAsync(Task request)
    {
        const string waiting = """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND usename = 'register_api' AND wait_event_type = 'Lock'
            """;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Sql.ScalarAsync<long>(api.ConnectionString, waiting) == 0)
        {
            Assert.False(request.IsCompleted, "The request finished without waiting for the transaction under way");
            Assert.True(DateTime.UtcNow < deadline, "The request never waited for the transaction under way");
            await Task.Delay(20);
        }
    }
}

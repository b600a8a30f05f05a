using IntegrationGovernance.Api.Http;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationGovernance.UnitTests.Http;

/// <summary>A cursor is good only for the list that issued it, for a day, and only as issued.</summary>
public sealed class PageCursorsTests
{
    private const string List = "organisations";
    private static readonly DateTimeOffset Issued = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly MovableTime _clock = new(Issued);
    private readonly PageCursors _cursors;

    public PageCursorsTests() => _cursors = new PageCursors(new EphemeralDataProtectionProvider(), _clock);

    [Fact]
    public void A_cursor_gives_back_the_key_it_was_issued_with()
    {
        var cursor = _cursors.Issue(new Key("NHS Bath", Guid.Parse("0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70")), List);

        Assert.True(_cursors.TryRead<Key>(cursor, List, out var key));
        Assert.Equal(new Key("NHS Bath", Guid.Parse("0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70")), key);
    }

    [Fact]
    public void A_cursor_issued_for_another_list_is_refused()
    {
        var cursor = _cursors.Issue(42L, "agreements");

        Assert.False(_cursors.TryRead<long>(cursor, List, out _));
    }

    [Fact]
    public void A_cursor_with_one_character_changed_is_refused()
    {
        var cursor = _cursors.Issue(42L, List);
        var middle = cursor.Length / 2;
        var tampered = cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..];

        Assert.False(_cursors.TryRead<long>(tampered, List, out _));
    }

    [Theory]
    [InlineData("eyJOYW1lIjoiTkhTIEImTkVTIiwiSWQiOiIwMTkzYTZiMiJ9")] // the plain base64 JSON key cursors once were
    [InlineData("OTk5OTk")]
    [InlineData("not a cursor")]
    [InlineData("")]
    public void A_cursor_this_api_did_not_issue_is_refused(string forged) =>
        Assert.False(_cursors.TryRead<long>(forged, List, out _));

    [Fact]
    public void A_cursor_from_another_key_ring_is_refused()
    {
        var elsewhere = new PageCursors(new EphemeralDataProtectionProvider(), _clock).Issue(42L, List);

        Assert.False(_cursors.TryRead<long>(elsewhere, List, out _));
    }

    [Fact]
    public void A_cursor_is_good_for_a_day_and_then_stale()
    {
        var cursor = _cursors.Issue(42L, List);

        _clock.Now = Issued + PageCursors.Lifetime;
        Assert.True(_cursors.TryRead<long>(cursor, List, out _));
        _clock.Now = Issued + PageCursors.Lifetime + TimeSpan.FromSeconds(1);
        Assert.False(_cursors.TryRead<long>(cursor, List, out _));
    }

    [Fact]
    public void A_cursor_holding_another_kind_of_key_is_refused()
    {
        var cursor = _cursors.Issue(new Key("NHS Bath", Guid.Empty), List);

        Assert.False(_cursors.TryRead<long>(cursor, List, out _));
    }

    private sealed record Key(string Name, Guid Id);

    private sealed class MovableTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

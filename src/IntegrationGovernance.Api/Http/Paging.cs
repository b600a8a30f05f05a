using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Domain.Common;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace IntegrationGovernance.Api.Http;

/// <summary>One page of a list, with the opaque cursor and link for the next page (null on the last).</summary>
public sealed record Page<T>
{
    /// <summary>The records on this page, in the list's stable order.</summary>
    [MaxLength(PageRequest.MaxLimit)]
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>Pass as <c>cursor</c> to get the next page; null when this is the last. Opaque and signed: good for this list (path and filters) for 24 hours.</summary>
    /// <example>CfDJ8K2m1Qz7VbNnq0s4yQbC9gT1hW3xA6pE0rL5uJ8dF2kM7nZ4cV9bX1yR3tS6wQ0eI</example>
    [MaxLength(RequestBounds.MaxQueryValueLength)]
    [RegularExpression(PageRequest.CursorPattern)]
    public string? NextCursor { get; init; }

    /// <summary>The full link to the next page; null when this is the last.</summary>
    /// <example>http://127.0.0.1:5080/api/v1/organisations?limit=50&amp;cursor=CfDJ8K2m1Qz7VbNnq0s4yQbC9gT1hW3xA6pE0rL5uJ8dF2kM7nZ4cV9bX1yR3tS6wQ0eI</example>
    [MaxLength(RequestBounds.MaxLinkLength)]
    [Url]
    public string? Next { get; init; }
}

/// <summary>
/// The paging every list takes, bound from the query string with <c>[AsParameters]</c>: a page size and the opaque cursor of
/// the page before.
/// </summary>
public sealed record PageQuery
{
    /// <summary>Page size, 1 to 500 (default 50).</summary>
    /// <example>50</example>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page, good for the list that issued it (same path and filters) for 24 hours.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}

/// <summary>
/// Bounded keyset paging: a limit (default 50, at most 500) and an opaque cursor naming the last key seen. Cursors are
/// made and checked by <see cref="PageCursors"/>: one that is forged, tampered with, issued for another list or expired is
/// refused (400 naming <c>cursor</c>), never read as a key it does not hold.
/// </summary>
public sealed record PageRequest(int Limit, string? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>A cursor is base64url; anything else is not one this API issued.</summary>
    public const string CursorPattern = "^[A-Za-z0-9_-]+$";

    public static IReadOnlyList<RuleViolation> Validate(int? limit) =>
        limit is null or (>= 1 and <= MaxLimit) ? [] : [new("limit", $"limit is between 1 and {MaxLimit}.")];

    public static PageRequest From(int? limit, string? cursor) => new(limit ?? DefaultLimit, cursor);

    public static PageRequest From(PageQuery query) => From(query.Limit, query.Cursor);

    /// <summary>Reads the key a cursor carries; false when the cursor was not issued by this API for this list, or has expired.</summary>
    public bool TryReadKey<TKey>(HttpRequest request, out TKey? key)
    {
        key = default;
        if (Cursor is null)
            return true;
        return PageCursors.Of(request).TryRead(Cursor, PageCursors.ListOf(request), out key);
    }

    /// <summary>Builds the page from up to <see cref="Limit"/> + 1 rows read in key order.</summary>
    public Page<T> ToPage<T, TKey>(IReadOnlyList<T> rows, Func<T, TKey> keyOf, HttpRequest request) =>
        rows.Count <= Limit ? new Page<T> { Items = rows } : ToPageAfter(rows.Take(Limit).ToList(), keyOf(rows[Limit - 1]), request);

    /// <summary>A page whose next one starts after <paramref name="nextKey"/>: the last key read, whether or not it is on this page.</summary>
    public Page<T> ToPageAfter<T, TKey>(IReadOnlyList<T> items, TKey nextKey, HttpRequest request)
    {
        var next = PageCursors.Of(request).Issue(nextKey, PageCursors.ListOf(request));
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["cursor"] = next;
        var link = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path,
            QueryString.Create(query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))));
        return new Page<T> { Items = items, NextCursor = next, Next = link };
    }

    /// <summary>422: more than <see cref="MaxLimit"/> <paramref name="what"/> to list at once.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLong(string what) =>
        Problems.TooLarge($"There are more than {MaxLimit} {what} to list at once; narrow the question (a date, a resource).");

    public static RuleViolation BadCursor => new("cursor", "The cursor is not one this list issued, or it has expired; start again without it.");
}

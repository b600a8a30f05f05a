using System.ComponentModel.DataAnnotations;
using System.Buffers.Text;
using System.Text.Json;
using IntegrationGovernance.Domain.Common;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Http;

/// <summary>One page of a list, with the opaque cursor and link for the next page (null on the last).</summary>
public sealed record Page<T>
{
    /// <summary>The records on this page, in the list's stable order.</summary>
    [MaxLength(PageRequest.MaxLimit)]
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>Pass as <c>cursor</c> to get the next page; null when this is the last.</summary>
    /// <example>eyJOYW1lIjoiTkhTIEImTkVTIiwiSWQiOiIwMTkzYTZiMiJ9</example>
    [MaxLength(RequestBounds.MaxQueryValueLength)]
    [RegularExpression(PageRequest.CursorPattern)]
    public string? NextCursor { get; init; }

    /// <summary>The full link to the next page; null when this is the last.</summary>
    /// <example>http://127.0.0.1:5080/api/v1/organisations?limit=50&amp;cursor=eyJOYW1lIjoiTkhTIEImTkVTIiwiSWQiOiIwMTkzYTZiMiJ9</example>
    [MaxLength(RequestBounds.MaxLinkLength)]
    [Url]
    public string? Next { get; init; }
}

/// <summary>Bounded keyset paging: a limit (default 50, at most 500) and an opaque cursor naming the last key seen.</summary>
public sealed record PageRequest(int Limit, string? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>A cursor is base64url; anything else is not one this API issued.</summary>
    public const string CursorPattern = "^[A-Za-z0-9_-]+$";

    public static IReadOnlyList<RuleViolation> Validate(int? limit) =>
        limit is null or (>= 1 and <= MaxLimit) ? [] : [new("limit", $"limit is between 1 and {MaxLimit}.")];

    public static PageRequest From(int? limit, string? cursor) => new(limit ?? DefaultLimit, cursor);

    /// <summary>Reads the key a cursor carries; false when the cursor was not made by this API for this list.</summary>
    public bool TryReadKey<TKey>(out TKey? key)
    {
        key = default;
        if (Cursor is null)
            return true;
        try
        {
            key = JsonSerializer.Deserialize<TKey>(Base64Url.DecodeFromChars(Cursor));
            return key is not null;
        }
        catch (Exception e) when (e is FormatException or JsonException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Builds the page from up to <see cref="Limit"/> + 1 rows read in key order.</summary>
    public Page<T> ToPage<T, TKey>(IReadOnlyList<T> rows, Func<T, TKey> keyOf, HttpRequest request)
    {
        if (rows.Count <= Limit)
            return new Page<T> { Items = rows };
        var items = rows.Take(Limit).ToList();
        var next = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(keyOf(items[^1])));
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["cursor"] = next;
        var link = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path,
            QueryString.Create(query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))));
        return new Page<T> { Items = items, NextCursor = next, Next = link };
    }

    /// <summary>
    /// A list not paged (yet): at most <see cref="MaxLimit"/> rows of <paramref name="ordered"/>, or null when it holds more, which the
    /// caller refuses with <see cref="TooLong"/> rather than cut short.
    /// </summary>
    public static async Task<List<T>?> AtMostAsync<T>(IQueryable<T> ordered, CancellationToken cancellationToken)
    {
        var rows = await ordered.Take(MaxLimit + 1).ToListAsync(cancellationToken);
        return rows.Count > MaxLimit ? null : rows;
    }

    /// <summary>422: more than <see cref="MaxLimit"/> <paramref name="what"/> to list at once.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLong(string what) =>
        Problems.TooLarge($"There are more than {MaxLimit} {what} to list at once; narrow the question (a date, a resource).");

    public static RuleViolation BadCursor => new("cursor", "The cursor is not one this list issued; start again without it.");
}

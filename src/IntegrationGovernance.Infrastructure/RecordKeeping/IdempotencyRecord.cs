namespace IntegrationGovernance.Infrastructure.RecordKeeping;

/// <summary>The first response to a POST made with an Idempotency-Key, kept so a retry gets it again.</summary>
public sealed class IdempotencyRecord
{
    /// <summary>Whose key it is (the caller's token subject): keys of different callers never collide.</summary>
    public string Scope { get; private set; } = string.Empty;

    public string Key { get; private set; } = string.Empty;

    /// <summary>SHA-256 of method, path, query and body: the same key with another request is refused.</summary>
    public string RequestHash { get; private set; } = string.Empty;

    public int? Status { get; private set; }

    public string? ContentType { get; private set; }

    public string? Location { get; private set; }

    public string? ETag { get; private set; }

    /// <summary>The response body, protected with Data Protection when <see cref="BodyProtected"/> (every key stored since).</summary>
    public byte[]? Body { get; private set; }

    public bool BodyProtected { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}

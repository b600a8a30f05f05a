namespace IntegrationGovernance.Domain.Common;

/// <summary>A register record clients change under optimistic concurrency: its id, and the row version its ETag carries.</summary>
public interface IVersionedRecord
{
    Guid Id { get; }

    uint Version { get; }
}

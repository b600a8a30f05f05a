using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

// The rows of these tables are written by triggers and by the idempotency store, never by EF change tracking.

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        builder.ToTable("revisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Resource).HasMaxLength(63);
        builder.Property(r => r.Number).HasColumnName("revision");
        builder.Property(r => r.Kind).HasMaxLength(20);
        builder.Property(r => r.Action).HasMaxLength(100);
        builder.Property(r => r.ActorSubject).HasMaxLength(200);
        builder.Property(r => r.ActorOrganisation).HasMaxLength(200);
        builder.Property(r => r.CorrelationId).HasMaxLength(128);
        builder.Property(r => r.Data).HasColumnType("jsonb");
        builder.HasIndex(r => new { r.Resource, r.RecordId, r.Number }).IsUnique();
        builder.HasIndex(r => r.Position).IsUnique();
        // the change feed's sequencer looks for committed revisions that have no position yet
        builder.HasIndex(r => r.Id).HasFilter("position IS NULL").HasDatabaseName("ix_revisions_unpositioned");
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ActorSubject).HasMaxLength(200);
        builder.Property(a => a.ActorOrganisation).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.Resource).HasMaxLength(63);
        builder.Property(a => a.CorrelationId).HasMaxLength(128);
        builder.Property(a => a.Before).HasColumnType("jsonb");
        builder.Property(a => a.After).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.Resource, a.RecordId });
        builder.HasIndex(a => a.OccurredAt);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.Scope, r.Key });
        builder.Property(r => r.Scope).HasMaxLength(200);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.Property(r => r.ETag).HasMaxLength(200);
        builder.HasIndex(r => r.CreatedAt);
    }
}

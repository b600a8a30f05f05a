using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

internal sealed class RecordProvenanceConfiguration : IEntityTypeConfiguration<RecordProvenance>
{
    public void Configure(EntityTypeBuilder<RecordProvenance> builder)
    {
        builder.ToTable("record_provenance");
        builder.HasKey(p => new { p.Resource, p.RecordId });
        builder.Property(p => p.Resource).HasMaxLength(63);
        builder.Property(p => p.Paper).HasMaxLength(100);
        builder.Property(p => p.PaperTitle).HasMaxLength(300);
        builder.Property(p => p.Paragraphs).HasMaxLength(200);
        builder.Property(p => p.Note).HasMaxLength(RecordProvenance.MaxNoteLength);
        // "everything from this paper", in key order
        builder.HasIndex(p => new { p.Paper, p.Resource, p.RecordId });
    }
}

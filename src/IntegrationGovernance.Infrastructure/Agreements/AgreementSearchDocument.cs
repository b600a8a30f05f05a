using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace IntegrationGovernance.Infrastructure.Agreements;

/// <summary>
/// The document full-text search reads: reference and title weighted highest, then services, then purpose, in English.
/// It is the SQL function <c>agreement_search_document</c> (migration <c>AgreementSearchIndex</c>), and a GIN index on
/// that function over the agreements table serves <c>q=</c>; a query must call it with the columns in the same order
/// for PostgreSQL to use the index. A record rebuilt from its revisions (<c>asOf</c>) is searched through the same function.
/// </summary>
public static class AgreementSearchDocument
{
    public const string Function = "agreement_search_document";

    /// <summary>Translated to <c>agreement_search_document(reference, title, purpose, services)</c>; never run in .NET.</summary>
    public static NpgsqlTsVector Of(string reference, string title, string? purpose, List<string> services) =>
        throw new InvalidOperationException($"{Function} runs in PostgreSQL only.");

    internal static void Register(ModelBuilder modelBuilder) =>
        modelBuilder.HasDbFunction(typeof(AgreementSearchDocument).GetMethod(nameof(Of))!).HasName(Function);
}

using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>Describes each tag the operations are grouped by; a tag an operation uses with no description here fails the build of the document.</summary>
internal sealed class TagDescriptionsDocumentFilter : IDocumentFilter
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["Organisations"] = "Councils, NHS bodies and their boards; who succeeded whom when bodies were abolished or merged (PCTs → CCGs → ICBs).",
        ["Agreements"] = "Section 75, 31, 113, 256/76 and related agreements: their lifecycle, approvals, variations, novations and notices, and what was in force on a day.",
        ["Pooled funds"] = "The pooled budgets agreements create: contributions, risk shares, the ledger, month periods, budgets, forecasts and the finance exports.",
        ["Aligned budgets"] = "Budgets partners align but do not pool: each partner's report of its own budget for a year.",
        ["Transfer payments"] = "Section 256 and 76 payments between the NHS and councils, under the agreement that authorises them.",
        ["People"] = "Posts, accountability lines and secondments across organisations, and the structures they make.",
        ["Imports"] = "Bulk import of an existing register (CSV or JSON), checked whole before anything is recorded.",
        ["Webhooks"] = "Subscriptions that push every committed change to a receiver, signed per Standard Webhooks; the delivery log.",
        ["Record keeping"] = "The change feed, the audit trail and the provenance of the demo records.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description = Descriptions.TryGetValue(tag.Name ?? string.Empty, out var description)
                ? description
                : throw new InvalidOperationException($"The tag '{tag.Name}' has no description: add one to {nameof(TagDescriptionsDocumentFilter)}.");
        }
    }
}

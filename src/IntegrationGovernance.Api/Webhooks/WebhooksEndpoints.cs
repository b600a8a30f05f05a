using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using IntegrationGovernance.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Api.Webhooks;

/// <summary>
/// Webhook subscriptions: an organisation (or an admin) asks to be told of changes. A subscription belongs to
/// its organisation: to anyone else it does not exist (404).
/// </summary>
public static class WebhooksEndpoints
{
    private const string Resource = "webhook subscription";

    /// <summary>The rule code of the per-organisation limit on subscriptions (<see cref="WebhookOptions.MaxSubscriptionsPerOrganisation"/>).</summary>
    public const string SubscriptionLimit = "subscription-limit";

    public static RouteGroupBuilder MapWebhooksEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhook-subscriptions").WithTags("Webhooks");
        group.MapPost("/", CreateWebhookSubscription)
            .WithSummary("Subscribe to changes")
            .WithDescription("Deliveries are POSTed in change-feed order, at least once, signed per the Standard Webhooks specification "
                + "(webhook-id, webhook-timestamp, webhook-signature: v1,base64(HMAC-SHA256(secret, id.timestamp.body))). The secret is returned once "
                + "and stored only encrypted. It is never kept for an Idempotency-Key: a replay of this request has secret null and the header "
                + "Idempotent-Replay-Withheld: secret. "
                + "An organisation holds at most Webhooks:MaxSubscriptionsPerOrganisation subscriptions (10 unless configured); one more is refused "
                + "with 409 and the problem type urn:integration-governance:problem:subscription-limit.")
            .RequireScope(Scopes.RegisterRead)
            .WithMetadata(new WithheldFromReplay("secret"));
        group.MapGet("/", ListWebhookSubscriptions)
            .ListsAtMost(PageRequest.MaxLimit, refusesMore: true)
            .WithSummary("The caller's organisation's subscriptions (all, for an admin)")
            .RequireScope(Scopes.RegisterRead)
            .WithMetadata(new VisibilityRule(Resource));
        group.MapGet("/{id:guid}", GetWebhookSubscription)
            .WithSummary("Read one subscription")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterRead)
            .WithMetadata(new VisibilityRule(Resource));
        group.MapDelete("/{id:guid}", DeleteWebhookSubscription)
            .WithSummary("Unsubscribe")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterRead)
            .WithMetadata(new VisibilityRule(Resource));
        group.MapPost("/{id:guid}/resume", ResumeWebhookSubscription)
            .WithSummary("Resume a paused subscription")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterRead)
            .WithMetadata(new VisibilityRule(Resource));
        group.MapPost("/{id:guid}/secret", RotateWebhookSecret)
            .WithSummary("Rotate the signing secret")
            .WithDescription("A new secret, returned once, signs every delivery from now; the one before still signs beside it "
                + "(webhook-signature then holds both, space-separated) for Webhooks:SecretRotationGrace (24 hours unless configured), "
                + "so the receiver can switch without refusing a delivery. A replay for an Idempotency-Key has secret null, as for a subscribe.")
            .RequireScope(Scopes.RegisterRead)
            .WithMetadata(new WithheldFromReplay("secret"))
            .WithMetadata(new VisibilityRule(Resource));
        group.MapGet("/{id:guid}/deliveries", ListWebhookDeliveries)
            .ListsAtMost(PageRequest.MaxLimit)
            .WithSummary("The delivery log, newest first, with every attempt")
            .RequireScope(Scopes.RegisterRead)
            .WithMetadata(new VisibilityRule(Resource));
        group.MapPost("/{id:guid}/deliveries/{deliveryId:long}/redeliver", RedeliverWebhook)
            .WithSummary("Send a logged delivery again now")
            .RequireScope(Scopes.RegisterRead)
            .WithMetadata(new CallsOut())
            .WithMetadata(new VisibilityRule(Resource));
        return api;
    }

    public static async Task<Results<Created<CreatedWebhookSubscriptionResponse>, ValidationProblem, ProblemHttpResult>> CreateWebhookSubscription(
        WebhookSubscriptionRequest body, RegisterDbContext db, CallerOrganisation caller, WebhookTargetGuard guard, WebhookSecrets secrets,
        IOptions<WebhookOptions> options, IMapper mapper,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var organisation = await caller.IdAsync(cancellationToken);
        if (organisation is null && !http.User.HasScope(Scopes.Admin))
            return Problems.Validation("org", "A subscription belongs to the organisation the token acts for; this token names none the register knows.");
        if (await guard.ProblemAsync(body.TargetUrl, cancellationToken) is { } refused)
            return Problems.Validation("$.targetUrl", refused);
        var known = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().ToHashSet();
        var problems = body.Resources.Select((r, i) => (r, i)).Where(x => !known.Contains(x.r))
            .Select(x => new Domain.Common.RuleViolation($"$.resources[{x.i}]", "Not a resource of the register.")).ToList();
        if (problems.Count > 0)
            return Problems.Validation(problems);

        await db.PositionCommittedChangesAsync(cancellationToken);
        var from = body.AfterPosition ?? await db.Revisions.MaxAsync(r => r.Position, cancellationToken) ?? 0;
        var limit = options.Value.MaxSubscriptionsPerOrganisation;
        var (secret, protectedSecret) = secrets.New();
        var subscription = await db.InTransactionAsync(async token =>
        {
            if (organisation is { } owner)
            {
                // one organisation's subscribers are counted one at a time, so concurrent requests cannot pass the limit together
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"webhook-subscriptions:" + owner}))", token);
                if (await db.WebhookSubscriptions.CountAsync(s => s.OrganisationId == owner, token) >= limit)
                    return null;
            }
            var created = WebhookSubscription.Create(organisation, body.TargetUrl, protectedSecret, body.Resources, body.OnlyPartyRecords, from, clock.GetUtcNow());
            db.Add(created);
            await db.SaveChangesAsync(token);
            return created;
        }, cancellationToken);
        if (subscription is null)
            return TypedResults.Problem(Problems.FromRule(new Domain.Common.RegisterRuleException(SubscriptionLimit,
                $"The organisation already holds {limit} webhook subscriptions, the most it may. Delete one it no longer needs, or widen one's resources.",
                kind: Domain.Common.RuleKind.Conflict)));
        return TypedResults.Created($"{http.Request.PathBase}/api/v1/webhook-subscriptions/{subscription.Id}", new CreatedWebhookSubscriptionResponse
        {
            Subscription = mapper.Map<WebhookSubscriptionResponse>(subscription),
            Secret = secret,
        });
    }

    public static async Task<Results<Ok<List<WebhookSubscriptionResponse>>, ProblemHttpResult>> ListWebhookSubscriptions(
        RegisterDbContext db, CallerOrganisation caller, IMapper mapper, HttpContext http, CancellationToken cancellationToken)
    {
        var query = db.WebhookSubscriptions.AsNoTracking();
        if (!http.User.HasScope(Scopes.Admin))
        {
            var mine = await caller.IdAsync(cancellationToken);
            query = query.Where(s => s.OrganisationId == mine && mine != null);
        }
        if (await PageRequest.AtMostAsync(query.OrderBy(s => s.CreatedAt), cancellationToken) is not { } subscriptions)
            return PageRequest.TooLong("subscriptions");
        return TypedResults.Ok(mapper.Map<List<WebhookSubscriptionResponse>>(subscriptions));
    }

    public static async Task<Results<Ok<WebhookSubscriptionResponse>, ProblemHttpResult>> GetWebhookSubscription(
        Guid id, RegisterDbContext db, IMapper mapper, HttpContext http, CancellationToken cancellationToken)
    {
        var subscription = await VisibleAsync(db.WebhookSubscriptions.AsNoTracking(), id, http, cancellationToken);
        if (subscription is null)
            return Problems.NotFound(Resource, id);
        ETags.Set(http.Response, subscription.Version);
        return TypedResults.Ok(mapper.Map<WebhookSubscriptionResponse>(subscription));
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteWebhookSubscription(
        Guid id, RegisterDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        db.InTransactionAsync<Results<NoContent, ProblemHttpResult>>(async token =>
        {
            var subscription = await VisibleAsync(db.WebhookSubscriptions, id, http, token);
            if (subscription is null)
                return Problems.NotFound(Resource, id);
            switch (ETags.CheckIfMatch(http.Request, subscription.Version))
            {
                case IfMatchResult.Missing: return Problems.PreconditionRequired();
                case IfMatchResult.Stale: return Problems.PreconditionFailed();
            }
            db.WebhookSubscriptions.Remove(subscription);
            await db.SaveChangesAsync(token);
            return TypedResults.NoContent();
        }, cancellationToken);

    public static Task<Results<Ok<CreatedWebhookSubscriptionResponse>, ProblemHttpResult>> RotateWebhookSecret(
        Guid id, RegisterDbContext db, WebhookSecrets secrets, IOptions<WebhookOptions> options, IMapper mapper, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var (secret, protectedSecret) = secrets.New();
        return db.InTransactionAsync<Results<Ok<CreatedWebhookSubscriptionResponse>, ProblemHttpResult>>(async token =>
        {
            var subscription = await VisibleAsync(db.WebhookSubscriptions, id, http, token);
            if (subscription is null)
                return Problems.NotFound(Resource, id);
            subscription.RotateSecret(protectedSecret, options.Value.SecretRotationGrace, clock.GetUtcNow());
            await db.SaveChangesAsync(token);
            ETags.Set(http.Response, subscription.Version);
            return TypedResults.Ok(new CreatedWebhookSubscriptionResponse { Subscription = mapper.Map<WebhookSubscriptionResponse>(subscription), Secret = secret });
        }, cancellationToken);
    }

    public static async Task<Results<Ok<WebhookSubscriptionResponse>, ValidationProblem, ProblemHttpResult>> ResumeWebhookSubscription(
        Guid id, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(db.WebhookSubscriptions.AsNoTracking(), id, http, cancellationToken) is null)
            return Problems.NotFound(Resource, id);
        return await RecordChanges.ChangeAsync<WebhookSubscription, WebhookSubscriptionResponse>(db, id, Resource, http, mapper, (subscription, _) =>
        {
            subscription.Resume(clock.GetUtcNow());
            return Task.FromResult<IReadOnlyList<Domain.Common.RuleViolation>>([]);
        }, cancellationToken);
    }

    public static async Task<Results<Ok<List<WebhookDeliveryResponse>>, ProblemHttpResult>> ListWebhookDeliveries(
        Guid id, RegisterDbContext db, IMapper mapper, HttpContext http, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(db.WebhookSubscriptions.AsNoTracking(), id, http, cancellationToken) is null)
            return Problems.NotFound(Resource, id);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id)
            .OrderByDescending(d => d.Id).Take(PageRequest.MaxLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(mapper.Map<List<WebhookDeliveryResponse>>(deliveries));
    }

    public static async Task<Results<Ok<WebhookDeliveryResponse>, ProblemHttpResult>> RedeliverWebhook(
        Guid id, long deliveryId, RegisterDbContext db, WebhookSender sender, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var subscription = await VisibleAsync(db.WebhookSubscriptions.AsNoTracking(), id, http, cancellationToken);
        var logged = subscription is null ? null
            : await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, cancellationToken);
        if (subscription is null || logged is null)
            return Problems.NotFound("delivery", id);
        var change = await db.Revisions.AsNoTracking().Where(r => r.Position == logged.Position)
            .Select(r => new Change(r.Position!.Value, r.Resource, r.RecordId, r.Number, r.Kind, r.RecordedAt)).FirstAsync(cancellationToken);
        var outcome = await sender.SendAsync(subscription, change, cancellationToken);
        var delivery = await db.InsertAsync(WebhookDelivery.Record(subscription.Id, change, outcome.Attempts, outcome.Delivered, clock.GetUtcNow()), cancellationToken);
        return TypedResults.Ok(mapper.Map<WebhookDeliveryResponse>(delivery));
    }

    /// <summary>The subscription, if the caller's organisation owns it (or the caller is admin); otherwise null, answered as 404.</summary>
    private static async Task<WebhookSubscription?> VisibleAsync(IQueryable<WebhookSubscription> subscriptions, Guid id, HttpContext http, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null || http.User.HasScope(Scopes.Admin))
            return subscription;
        return subscription.OrganisationId is { } owner && await AccessRuleExtensions.ActsForAnyAsync(http, [owner], cancellationToken) ? subscription : null;
    }
}

using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.People;

/// <summary>Posts: roles in organisations. Holders are personal data (see <see cref="HolderVisibility"/>); setting one needs people:write.</summary>
public static class PostsEndpoints
{
    public const string Resource = "post";

    public static RouteGroupBuilder MapPostsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/posts").WithTags("People");
        group.MapPost("/", CreatePost)
            .WithSummary("Create a post in an organisation")
            .WithDescription("The caller must act for the organisation. Naming a `holderReference` also needs the people:write scope.")
            .RequireScope(Scopes.RegisterWrite)
            .WithMetadata(new PartyRule("organisation")); // checked in the handler, against the organisation in the body
        group.MapGet("/{id:guid}", GetPost)
            .WithSummary("Read one post")
            .WithDescription("`holderReference` is personal data: it is null unless the token has people:read and acts for the post's "
                + "organisation, or for the other party to a secondment of its holder (or is an admin).")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    public static async Task<Results<Created<PostResponse>, ValidationProblem, ProblemHttpResult>> CreatePost(
        PostRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == body.OrganisationId, cancellationToken);
        if (organisation is null)
            return Problems.Validation("$.organisationId", "No organisation with this id.");
        if (!await AccessRuleExtensions.ActsForAnyAsync(http, [organisation.Id], cancellationToken))
            return AccessRuleExtensions.NotAParty("organisation");
        if (body.HolderReference is not null && !http.User.HasScope(Scopes.PeopleWrite))
            return TypedResults.Problem("Naming who holds a post is recording personal data: it needs the people:write scope.",
                title: "The token does not allow this.", statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.ForRule("forbidden"));
        if (Post.Check(body.Title, body.Team, body.HolderReference, body.StartsOn, body.EndsOn) is [_, ..] problems)
            return Problems.Validation(problems);
        var post = await db.InsertAsync(Post.Create(organisation.Id, body.Title, body.Team, body.HolderReference, body.StartsOn, body.EndsOn, clock.GetUtcNow()), cancellationToken);
        return TypedResults.Created($"{http.Request.PathBase}/api/v1/posts/{post.Id}", await ToResponseAsync(post, http, db, mapper, cancellationToken));
    }

    public static async Task<Results<Ok<PostResponse>, ProblemHttpResult>> GetPost(
        Guid id, RegisterDbContext db, IMapper mapper, HttpContext http, CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return post is null ? Problems.NotFound(Resource, id) : TypedResults.Ok(await ToResponseAsync(post, http, db, mapper, cancellationToken));
    }

    public static async Task<PostResponse> ToResponseAsync(Post post, HttpContext http, RegisterDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var response = mapper.Map<PostResponse>(post);
        return await HolderVisibility.MaySeeAsync(post, http, db, cancellationToken) ? response : response with { HolderReference = null };
    }
}

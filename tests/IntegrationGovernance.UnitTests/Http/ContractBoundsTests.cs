using System.Text.RegularExpressions;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationGovernance.UnitTests.Http;

/// <summary>The bounds the contract declares for what the API writes, and the settings whose limits it declares, hold.</summary>
public sealed class ContractBoundsTests
{
    [Fact]
    public void A_problem_is_cut_to_the_bounds_the_contract_declares_and_says_how_many_errors_there_were()
    {
        var errors = Enumerable.Range(0, ProblemBounds.MaxErrors + 5)
            .ToDictionary(i => $"$.items[{i}]", i => Enumerable.Repeat(new string('m', ProblemBounds.MaxMessageLength + 1), ProblemBounds.MaxMessagesPerField + 1).ToArray());
        var problem = new HttpValidationProblemDetails(errors) { Detail = new string('d', ProblemBounds.MaxDetailLength + 1), Title = "Not valid." };

        ProblemBounds.Apply(problem);

        Assert.Equal(ProblemBounds.MaxDetailLength, problem.Detail!.Length);
        Assert.Equal(ProblemBounds.MaxErrors, problem.Errors.Count);
        Assert.Equal(ProblemBounds.MaxErrors + 5, problem.Extensions["errorCount"]);
        Assert.All(problem.Errors.Values, messages =>
        {
            Assert.Equal(ProblemBounds.MaxMessagesPerField, messages.Length);
            Assert.All(messages, m => Assert.Equal(ProblemBounds.MaxMessageLength, m.Length));
        });
        Assert.Equal("Not valid.", problem.Title);
    }

    [Fact]
    public void A_rule_problems_errors_are_bounded_too()
    {
        var problem = new ProblemDetails { Detail = "short" };
        problem.Extensions["errors"] = new Dictionary<string, string[]> { ["$.reference"] = [new string('m', ProblemBounds.MaxMessageLength + 10)] };

        ProblemBounds.Apply(problem);

        Assert.Equal(ProblemBounds.MaxMessageLength, ((Dictionary<string, string[]>)problem.Extensions["errors"]!)["$.reference"][0].Length);
        Assert.Equal("short", problem.Detail);
    }

    [Theory]
    [InlineData("https://case-system.example.gov.uk")]
    [InlineData("http://localhost:5173")]
    public void An_origin_is_allowed_as_configured(string origin) =>
        new CorsOriginsOptions { AllowedOrigins = [origin] }.Validate();

    [Theory]
    [InlineData("*")]
    [InlineData("https://case-system.example.gov.uk/")]
    [InlineData("https://case-system.example.gov.uk/app")]
    [InlineData("https://user:secret@case-system.example.gov.uk")]
    [InlineData("ftp://case-system.example.gov.uk")]
    [InlineData("case-system.example.gov.uk")]
    public void Anything_but_an_origin_is_refused_at_start_up(string origin) =>
        Assert.Throws<InvalidOperationException>(() => new CorsOriginsOptions { AllowedOrigins = [origin] }.Validate());

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1200, 0)]
    [InlineData(1200, 86_401)]
    public void A_rate_limit_outside_what_the_contract_declares_is_refused_at_start_up(int permits, int windowSeconds) =>
        Assert.Throws<InvalidOperationException>(() => new RateLimitOptions { PermitLimit = permits, Window = TimeSpan.FromSeconds(windowSeconds) }.Validate());

    [Fact]
    public void The_rate_limit_fields_are_written_as_the_contract_declares_them()
    {
        var limits = new RateLimitOptions { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

        Assert.Equal("\"default\";q=1200;w=60", RateLimiting.PolicyField(limits));
        Assert.Equal("\"default\";r=0;t=43", RateLimiting.StateField(0, TimeSpan.FromSeconds(42.2)));
        Assert.Matches(new Regex("^\"default\";q=[0-9]{1,10};w=[0-9]{1,5}$"), RateLimiting.PolicyField(new RateLimitOptions { PermitLimit = RateLimitOptions.MaxPermitLimit, Window = RateLimitOptions.MaxWindow }));
    }
}

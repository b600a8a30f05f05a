using System.Diagnostics;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>Runs the repository's own scripts, as a developer would.</summary>
public static class Scripts
{
    /// <summary>Runs <c>scripts/postgres</c> with <paramref name="arguments"/>, on a cluster that need not survive a power cut.</summary>
    public static Task<(int ExitCode, string Output, string Error)> PostgresAsync(params string[] arguments) =>
        RunAsync(Path.Combine(Repository.Root, "scripts", "postgres"), new Dictionary<string, string> { ["PGLOCAL_FSYNC"] = "off" }, arguments);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string file, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}

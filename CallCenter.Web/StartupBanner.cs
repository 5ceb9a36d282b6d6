using CallCenter.Infrastructure.Data;

namespace CallCenter.Web;

/// <summary>Prints where the console is and how to sign in the first time.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app, DatabaseInitializer.Outcome outcome)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            var lines = new List<string> { "", "==================== CallCenter ====================", $"  Console: {urls}" };
            if (outcome.AdminUserName is not null)
            {
                lines.Add($"  First login: user '{outcome.AdminUserName}'");
                lines.Add(outcome.GeneratedAdminPassword is not null
                    ? $"  Password:    {outcome.GeneratedAdminPassword}   (shown this once; change it after signing in)"
                    : "  Password:    as configured in Admin:Password");
            }
            else
            {
                lines.Add("  Sign in with your existing Admin account.");
            }
            if (outcome.SeededDemo) lines.Add("  Demo tenant 10001 created (agents 10001_1000..10001_1009).");
            if (outcome.DemoUserNames is { Count: > 0 } demo)
            {
                lines.Add($"  Demo users:  {string.Join(", ", demo)}  (wallboard: supervisor; softphone: agent1000, agent1001)");
                lines.Add(outcome.DemoPassword is not null
                    ? $"  Their password: {outcome.DemoPassword}   (shown this once)"
                    : "  Their password: as configured in Database:DemoUsersPassword");
            }
            lines.Add("====================================================");
            lines.Add("");
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }
}

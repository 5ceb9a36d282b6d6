using CallCenter.Infrastructure.Cti;
using CallCenter.Infrastructure.Data;
using CallCenter.Infrastructure.Records;
using CallCenter.Infrastructure.Sms;
using CallCenter.Infrastructure.Telephony.Simulated;
using CallCenter.Web.Api;
using Microsoft.Extensions.Configuration;

namespace CallCenter.Tests.Web;

/// <summary>appsettings.sample.json lists every setting with its default, and .NET's reader accepts its comments.</summary>
public sealed class SettingsSampleTests
{
    private static string RepoFile(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CallCenter.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), name);
    }

    private static IConfiguration Sample() => new ConfigurationBuilder().AddJsonFile(RepoFile("appsettings.sample.json")).Build();

    [Fact]
    public void The_sample_holds_every_setting_of_the_shipped_appsettings()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(RepoFile("CallCenter.Web/appsettings.json")).Build();
        var sample = Sample();
        var missing = shipped.AsEnumerable().Where(kv => kv.Value is not null && sample[kv.Key] is null).Select(kv => kv.Key).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_samples_values_are_the_code_defaults()
    {
        var sample = Sample();
        Assert.Equivalent(new DatabaseOptions(), sample.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>());
        Assert.Equivalent(new ApiOptions(), sample.GetSection(ApiOptions.Section).Get<ApiOptions>());
        Assert.Equivalent(new CtiOptions(), sample.GetSection(CtiOptions.Section).Get<CtiOptions>());
        Assert.Equivalent(new RecordWriterOptions(), sample.GetSection(RecordWriterOptions.Section).Get<RecordWriterOptions>());
        Assert.Equivalent(new SmsOptions(), sample.GetSection(SmsOptions.Section).Get<SmsOptions>());
        var sim = sample.GetSection(SimulatedSwitchOptions.Section).Get<SimulatedSwitchOptions>()!;
        var defaults = new SimulatedSwitchOptions();
        Assert.Equivalent(defaults.TalkTime, sim.TalkTime);
        Assert.Equivalent(defaults.Patience, sim.Patience);
        Assert.Equivalent(defaults.AnswerDelay, sim.AnswerDelay);
        Assert.Equivalent(defaults.Unanswered, sim.Unanswered);
        Assert.Equal((defaults.AutoAnswer, defaults.AutoAnswerDelaySeconds, defaults.AnswerProbability, defaults.VacantPrefix, defaults.ServiceNumber),
            (sim.AutoAnswer, sim.AutoAnswerDelaySeconds, sim.AnswerProbability, sim.VacantPrefix, sim.ServiceNumber));
        Assert.Equivalent(defaults.IvrDigitAcds, sim.IvrDigitAcds);
    }
}

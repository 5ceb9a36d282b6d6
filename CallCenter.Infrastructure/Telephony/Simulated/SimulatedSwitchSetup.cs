using CallCenter.Domain.Telephony;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Telephony.Simulated;

public static class SimulatedSwitchSetup
{
    /// <summary>
    /// Registers the simulated switch as a singleton, and <see cref="ISwitch"/> as it, with its options from
    /// <c>Telephony:Simulated</c> (invalid options fail here). It uses the registered <see cref="TimeProvider"/>
    /// (the system clock when none is) and, when one is registered, the <see cref="ISwitchEventSink"/>; a sink that
    /// itself depends on the switch must not be registered as such but connected with
    /// <see cref="SimulatedSwitch.Connect"/>. Nothing starts until the switch is resolved and told to do something.
    /// </summary>
    public static IServiceCollection AddSimulatedSwitch(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SimulatedSwitchOptions.Section).Get<SimulatedSwitchOptions>() ?? new SimulatedSwitchOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new InvalidOperationException("Invalid " + SimulatedSwitchOptions.Section + " configuration: " + string.Join(" ", errors));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new SimulatedSwitch(options, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SimulatedSwitch>>(), sp.GetService<ISwitchEventSink>()));
        services.AddSingleton<ISwitch>(sp => sp.GetRequiredService<SimulatedSwitch>());
        return services;
    }
}

using CallCenter.Domain.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Infrastructure.Records;

public static class RecordsSetup
{
    /// <summary>
    /// The history writer (options from the <c>Records</c> section): one <see cref="BatchingRecordWriter"/>, which is
    /// both the <see cref="IRecordSink"/> and a hosted service. Needs the database (AddDatabase) and a TimeProvider.
    /// </summary>
    public static IServiceCollection AddRecords(this IServiceCollection services, IConfiguration configuration)
    {
        var options = (configuration.GetSection(RecordWriterOptions.Section).Get<RecordWriterOptions>() ?? new RecordWriterOptions())
            .Validate();
        services.AddSingleton(options);
        services.AddSingleton<BatchingRecordWriter>();
        services.AddSingleton<IRecordSink>(sp => sp.GetRequiredService<BatchingRecordWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<BatchingRecordWriter>());
        return services;
    }
}

using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CallCenter.Domain.Records;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Bench;

/// <summary>
/// The <c>--cdrs N</c> mode: N call records for the bench tenant (90 days, a few hundred agents, mixed directions and
/// causes), written with one prepared INSERT per row in a transaction per 50,000 rows (the columns come from the EF
/// model, so they are the product's), then §6.21 <c>/query/queryCdrs</c> (and §6.44 once) timed over HTTP.
/// </summary>
public static class CdrBench
{
    public const int Agents = 300;
    public const int Days = 90;
    public const int Numbers = 200_000;
    private const int Transaction = 50_000;
    private static readonly string[] Causes = { "send_bye", "recv_bye", "NO_ANSWER", "USER_BUSY", "CALL_REJECTED", "NORMAL_CLEARING" };

    public static string AgentDn(int i) => $"{Seeder.TenantId}_{Seeder.FirstCode + i}";
    public static string Mobile(int i) => $"13{i:D9}";

    /// <summary>Row i of the seed (deterministic: the same N give the same rows).</summary>
    public static CallRecord Row(int i, int count, DateTime newestUtc, Random rnd)
    {
        // Evenly over the 90 days before newestUtc, newest last.
        var start = newestUtc.AddSeconds(-(double)Days * 86_400 * (count - i) / count).AddTicks(-newestUtc.Ticks % TimeSpan.TicksPerSecond);
        var roll = rnd.Next(100);
        var type = roll < 10 ? 1 : roll < 65 ? 2 : 3;
        var agent = rnd.Next(Agents);
        var number = Mobile(rnd.Next(Numbers));
        var answered = rnd.Next(100) < 75;
        var billsec = answered ? rnd.Next(1, 600) : 0;
        var ring = rnd.Next(2, 30);
        var cause = answered ? Causes[rnd.Next(2)] : Causes[2 + rnd.Next(Causes.Length - 2)];
        var r = new CallRecord
        {
            TenantId = Seeder.TenantId,
            Agent = type == 2 && !answered && rnd.Next(2) == 0 ? null : AgentDn(agent),
            Extension = Seeder.Extension(agent),
            CtiCallType = type,
            CallerIdNumber = type == 2 ? number : type == 1 ? AgentDn(agent) : "4008000000",
            DestinationNumber = type == 2 ? "4008000000" : type == 1 ? AgentDn(rnd.Next(Agents)) : number,
            StartStamp = start,
            AnswerStamp = answered ? start.AddSeconds(ring) : null,
            EndStamp = start.AddSeconds(ring + billsec),
            CtiCallId = $"bench-{i:D8}",
            Duration = ring + billsec,
            Billsec = billsec,
            BillRate = type == 3 ? 0.01m : 0m,
            HangupCause = cause,
            QueueName = type == 2 ? Seeder.AcdDn(0) : null,
            ChannelAttr = type == 3 && rnd.Next(4) == 0 ? "makeCall" : null,
            EndedAt = type == 2 && !answered ? (rnd.Next(3) switch { 0 => "ivr", 1 => "acd", _ => "agent" }) : null,
            CampaignId = type == 3 ? 1 + rnd.Next(5) : null,
        };
        return r;
    }

    /// <summary>Writes <paramref name="count"/> call records; returns the time it took.</summary>
    public static async Task<TimeSpan> SeedAsync(string dataFolder, int count, DateTime newestUtc, Action<string> log, CancellationToken ct)
    {
        await using var provider = Seeder.Database(dataFolder);
        await using var db = await provider.GetRequiredService<IDbContextFactory<CallCenterDbContext>>().CreateDbContextAsync(ct);
        var entity = db.Model.FindEntityType(typeof(CallRecord))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.Name != nameof(CallRecord.Id))
            .Select(p => (Name: p.GetColumnName(table)!, Get: p.PropertyInfo!)).ToList();
        var sql = $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                  $"VALUES ({string.Join(", ", columns.Select((_, k) => $"$p{k}"))})";

        var sw = Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var rnd = new Random(1);
        for (var first = 0; first < count; first += Transaction)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = sql;
            var parameters = columns.Select((_, k) =>
            {
                var p = insert.CreateParameter();
                p.ParameterName = $"$p{k}";
                insert.Parameters.Add(p);
                return p;
            }).ToArray();
            insert.Prepare();
            for (var i = first; i < Math.Min(count, first + Transaction); i++)
            {
                var row = Row(i, count, newestUtc, rnd);
                for (var k = 0; k < columns.Count; k++) parameters[k].Value = columns[k].Get.GetValue(row) ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            if ((first / Transaction) % 4 == 3) log($"  {first + Transaction:N0} call records, {sw.Elapsed.TotalSeconds:0}s");
        }
        await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
        return sw.Elapsed;
    }

    public sealed record Timing(string Name, double P50, double P95, double Max, long Bytes, string TotalCount);

    /// <summary>The representative requests; each warmed once, then timed <paramref name="repeats"/> times.</summary>
    public static async Task<List<Timing>> RunAsync(HttpClient http, int count, DateTime newestUtc, int repeats, Action<string> log,
        CancellationToken ct)
    {
        var day = newestUtc.ToLocalTime().Date.AddDays(-Days / 2);
        string Local(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var tenant = $"\"tenantId\":\"{Seeder.TenantId}\"";
        // A number the seed used: the first inbound row's caller (rows replayed with the seed's generator).
        var replay = new Random(1);
        var mobile = Enumerable.Range(0, count).Select(i => Row(i, count, newestUtc, replay)).First(r => r.CtiCallType == 2).CallerIdNumber;
        var cases = new List<(string Name, string Path, string Body)>
        {
            ("page 1, no filter", "queryCdrs", $"{{{tenant},\"actionID\":\"b1\"}}"),
            ("one-day window", "queryCdrs", $"{{{tenant},\"startTime\":\"{Local(day)}\",\"endTime\":\"{Local(day.AddDays(1).AddSeconds(-1))}\",\"actionID\":\"b2\"}}"),
            ("agent filter", "queryCdrs", $"{{{tenant},\"agent\":\"{AgentDn(42)}\",\"actionID\":\"b3\"}}"),
            ("number (mobile) filter", "queryCdrs", $"{{{tenant},\"mobile\":\"{mobile}\",\"actionID\":\"b4\"}}"),
            ("deep page 5000 (size 10)", "queryCdrs", $"{{{tenant},\"currentPage\":\"5000\",\"pageSize\":\"10\",\"actionID\":\"b5\"}}"),
            ("sorted by billsec desc", "queryCdrs", $"{{{tenant},\"sort\":\"billsec\",\"order\":\"desc\",\"actionID\":\"b6\"}}"),
            ("page 1, pageSize 1000", "queryCdrs", $"{{{tenant},\"pageSize\":\"1000\",\"actionID\":\"b7\"}}"),
            ("§6.44 queryMobileNum, number", "queryMobileNum", $"{{{tenant},\"mobile\":\"{mobile}\",\"actionID\":\"b8\"}}"),
        };
        var result = new List<Timing>();
        foreach (var (name, path, body) in cases)
        {
            var url = $"/5.0.x.20210203_release/query/{path}";
            async Task<(double Ms, string Text)> Once()
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(url, content, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (!response.IsSuccessStatusCode || !text.Contains("\"code\":200", StringComparison.Ordinal))
                    throw new InvalidOperationException($"{name}: HTTP {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
                return (ms, text);
            }
            var (_, sample) = await Once(); // warm-up (JIT, query plan cache, page cache)
            var ms = new double[repeats];
            for (var k = 0; k < repeats; k++) ms[k] = (await Once()).Ms;
            Array.Sort(ms);
            using var json = System.Text.Json.JsonDocument.Parse(sample);
            var total = json.RootElement.TryGetProperty("totalCount", out var tc) ? tc.GetString() ?? ""
                : json.RootElement.TryGetProperty("data", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.String ? $"data {d.GetString()}" : "";
            var t = new Timing(name, Percentiles.Of(ms, 50), Percentiles.Of(ms, 95), ms[^1], Encoding.UTF8.GetByteCount(sample), total);
            log($"  {t.Name}: p50 {Percentiles.Ms(t.P50)} p95 {Percentiles.Ms(t.P95)} max {Percentiles.Ms(t.Max)}, {t.Bytes:N0} bytes, totalCount {t.TotalCount}");
            result.Add(t);
        }
        return result;
    }

    public static IEnumerable<string> Table(IReadOnlyList<Timing> rows, int repeats)
    {
        yield return $"| §6.21 request ({repeats} runs each) | p50 | p95 | max | response | totalCount |";
        yield return "|---|---:|---:|---:|---:|---:|";
        foreach (var r in rows)
            yield return $"| {r.Name} | {r.P50:0.0} ms | {r.P95:0.0} ms | {r.Max:0.0} ms | {r.Bytes:N0} B | {r.TotalCount} |";
    }
}

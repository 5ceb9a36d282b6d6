using CallCenter.Domain.Records;
using CallCenter.Domain.Sms;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Data;

/// <summary>
/// The mapping of the blacklist-call, satisfaction, voicemail and SMS records (§6.25–§6.29). Like the other history
/// tables: no foreign key to Tenants, an index on (tenant, time) for the lists' default order and window, plus what
/// each list filters on most (agent, number, call id).
/// </summary>
internal static class ServiceRecordsModel
{
    public static void ConfigureServiceRecords(this ModelBuilder b)
    {
        b.Entity<BlacklistCallRecord>(e =>
        {
            e.ToTable("BlacklistCalls");
            e.Property(x => x.Agent).HasMaxLength(32);
            e.Property(x => x.Extension).HasMaxLength(32);
            e.Property(x => x.DestinationNumber).HasMaxLength(32);
            e.Property(x => x.CallerIdNumber).HasMaxLength(32);
            e.Property(x => x.CtiCallId).HasMaxLength(128);
            e.Property(x => x.BlockedNumber).HasMaxLength(32);
            e.HasIndex(x => new { x.TenantId, x.StartStamp });
            e.HasIndex(x => new { x.TenantId, x.Agent, x.StartStamp });
            e.HasIndex(x => x.CtiCallId);
        });

        b.Entity<SatisfactionRecord>(e =>
        {
            e.ToTable("SatisfactionRecords");
            e.Property(x => x.CallId).HasMaxLength(128);
            e.Property(x => x.Ani).HasMaxLength(32);
            e.Property(x => x.Dnis).HasMaxLength(32);
            e.Property(x => x.IvrDtmfDigit).HasMaxLength(32);
            e.Property(x => x.IvrDigitType).HasMaxLength(16);
            e.Property(x => x.StopCause).HasMaxLength(16);
            e.Property(x => x.IvrName).HasMaxLength(64);
            e.Property(x => x.IvrSessionId).HasMaxLength(128);
            e.Property(x => x.Agent).HasMaxLength(32);
            e.Property(x => x.Extension).HasMaxLength(32);
            e.Property(x => x.Queue).HasMaxLength(32);
            e.HasIndex(x => new { x.TenantId, x.StartTime });
            // §6.27 counts by agent or by ACD within a window.
            e.HasIndex(x => new { x.TenantId, x.Agent, x.StartTime });
            e.HasIndex(x => new { x.TenantId, x.Queue, x.StartTime });
            e.HasIndex(x => x.CallId);
        });

        b.Entity<VoicemailRecord>(e =>
        {
            e.ToTable("VoicemailMessages");
            e.Property(x => x.CallId).HasMaxLength(128);
            e.Property(x => x.CidNumber).HasMaxLength(32);
            e.Property(x => x.UserName).HasMaxLength(32);
            e.Property(x => x.FilePath).HasMaxLength(260);
            e.Property(x => x.Queue).HasMaxLength(32);
            e.HasIndex(x => new { x.TenantId, x.CreateTime });
            e.HasIndex(x => new { x.TenantId, x.UserName, x.CreateTime });
        });

        b.Entity<SmsRecord>(e =>
        {
            e.ToTable("SmsRecords");
            e.Property(x => x.Agent).HasMaxLength(32);
            e.Property(x => x.CalleeId).HasMaxLength(128);
            e.Property(x => x.Mobile).HasMaxLength(32);
            e.Property(x => x.SourceMobile).HasMaxLength(32);
            e.Property(x => x.Extension).HasMaxLength(32);
            e.Property(x => x.Content).HasMaxLength(SmsLimits.MaxContentLength);
            e.Property(x => x.Attr).HasMaxLength(SmsLimits.MaxAttrLength);
            e.Property(x => x.Gateway).HasMaxLength(64);
            e.Property(x => x.Port).HasMaxLength(32);
            e.Property(x => x.FailureReason).HasMaxLength(200);
            e.HasIndex(x => new { x.TenantId, x.CreatedTime });
            e.HasIndex(x => new { x.TenantId, x.Agent, x.CreatedTime });
            e.HasIndex(x => new { x.TenantId, x.Mobile });
            e.HasIndex(x => x.CalleeId);
        });
    }
}

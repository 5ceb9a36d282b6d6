using System.Net;
using CallCenter.Infrastructure.Excel;
using CallCenter.Tests.Support;

namespace CallCenter.Tests.Web;

/// <summary>Review of issue 6: the history exports take the edge days of the calendar without a server error.</summary>
public class RecordExportOddInputTests(CallCenterAppFactory app) : IClassFixture<CallCenterAppFactory>
{
    [Theory]
    [InlineData("/export/call-records.xlsx")]
    [InlineData("/export/recordings.xlsx")]
    [InlineData("/export/queue-records.xlsx")]
    [InlineData("/export/ivr-records.xlsx")]
    [InlineData("/export/agent-state-records.xlsx")]
    [InlineData("/export/blacklist-calls.xlsx")]
    [InlineData("/export/satisfaction.xlsx")]
    [InlineData("/export/voicemail.xlsx")]
    [InlineData("/export/sms.xlsx")]
    public async Task The_last_and_first_day_of_the_calendar_are_an_empty_workbook(string export)
    {
        var admin = await app.SignedInClientAsync();
        foreach (var range in new[] { "from=9999-12-31&to=9999-12-31", "from=0001-01-01&to=0001-01-01" })
        {
            var response = await admin.GetAsync($"{export}?{range}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(ExcelExport.Read(await response.Content.ReadAsStreamAsync()));
        }
    }
}

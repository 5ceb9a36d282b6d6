using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CallCenter.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SatisfactionIvrId",
                table: "Acds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BlacklistCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    DestinationNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CallerIdNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CtiCallType = table.Column<int>(type: "INTEGER", nullable: false),
                    StartStamp = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndStamp = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CtiCallId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: true),
                    BlockedNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BlacklistCalls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    StartTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Ani = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Dnis = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CallType = table.Column<int>(type: "INTEGER", nullable: false),
                    IvrDtmfDigit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    IvrDigitType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    StopCause = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IvrId = table.Column<int>(type: "INTEGER", nullable: false),
                    IvrName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IvrSessionId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Queue = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SmsRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CalleeId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Mobile = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SourceMobile = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CreatedTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Read = table.Column<bool>(type: "INTEGER", nullable: false),
                    Attr = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Gateway = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Port = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VoicemailMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CidNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FilePath = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Duration = table.Column<int>(type: "INTEGER", nullable: false),
                    Queue = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoicemailMessages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BlacklistCalls_CtiCallId",
                table: "BlacklistCalls",
                column: "CtiCallId");

            migrationBuilder.CreateIndex(
                name: "IX_BlacklistCalls_TenantId_Agent_StartStamp",
                table: "BlacklistCalls",
                columns: new[] { "TenantId", "Agent", "StartStamp" });

            migrationBuilder.CreateIndex(
                name: "IX_BlacklistCalls_TenantId_StartStamp",
                table: "BlacklistCalls",
                columns: new[] { "TenantId", "StartStamp" });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRecords_CallId",
                table: "SatisfactionRecords",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRecords_TenantId_Agent_StartTime",
                table: "SatisfactionRecords",
                columns: new[] { "TenantId", "Agent", "StartTime" });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRecords_TenantId_Queue_StartTime",
                table: "SatisfactionRecords",
                columns: new[] { "TenantId", "Queue", "StartTime" });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRecords_TenantId_StartTime",
                table: "SatisfactionRecords",
                columns: new[] { "TenantId", "StartTime" });

            migrationBuilder.CreateIndex(
                name: "IX_SmsRecords_CalleeId",
                table: "SmsRecords",
                column: "CalleeId");

            migrationBuilder.CreateIndex(
                name: "IX_SmsRecords_TenantId_Agent_CreatedTime",
                table: "SmsRecords",
                columns: new[] { "TenantId", "Agent", "CreatedTime" });

            migrationBuilder.CreateIndex(
                name: "IX_SmsRecords_TenantId_CreatedTime",
                table: "SmsRecords",
                columns: new[] { "TenantId", "CreatedTime" });

            migrationBuilder.CreateIndex(
                name: "IX_SmsRecords_TenantId_Mobile",
                table: "SmsRecords",
                columns: new[] { "TenantId", "Mobile" });

            migrationBuilder.CreateIndex(
                name: "IX_VoicemailMessages_TenantId_CreateTime",
                table: "VoicemailMessages",
                columns: new[] { "TenantId", "CreateTime" });

            migrationBuilder.CreateIndex(
                name: "IX_VoicemailMessages_TenantId_UserName_CreateTime",
                table: "VoicemailMessages",
                columns: new[] { "TenantId", "UserName", "CreateTime" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BlacklistCalls");

            migrationBuilder.DropTable(
                name: "SatisfactionRecords");

            migrationBuilder.DropTable(
                name: "SmsRecords");

            migrationBuilder.DropTable(
                name: "VoicemailMessages");

            migrationBuilder.DropColumn(
                name: "SatisfactionIvrId",
                table: "Acds");
        }
    }
}

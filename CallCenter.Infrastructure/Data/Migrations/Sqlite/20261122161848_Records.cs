using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CallCenter.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Records : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AgentStateRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ReasonCode = table.Column<int>(type: "INTEGER", nullable: false),
                    StartTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HoldTime = table.Column<int>(type: "INTEGER", nullable: false),
                    TypeCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CreateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentStateRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AttachedData",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Value = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttachedData", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CallRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    DestinationNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CallerIdNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: true),
                    CtiCallType = table.Column<int>(type: "INTEGER", nullable: false),
                    StartStamp = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnswerStamp = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndStamp = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CtiCallId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Filename = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    Duration = table.Column<int>(type: "INTEGER", nullable: false),
                    Billsec = table.Column<int>(type: "INTEGER", nullable: false),
                    BillRate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    HangupCause = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IvrId = table.Column<int>(type: "INTEGER", nullable: true),
                    IvrName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IvrDtmfDigit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    IvrDigitType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ChannelAttr = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    QueueName = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Target = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ItuCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    SipCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Enumeration = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EndedAt = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IvrRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    IvrSessionId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    StartTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndTime = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Ani = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Dnis = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CallType = table.Column<int>(type: "INTEGER", nullable: false),
                    ThisQueue = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ExecuteContext = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IvrId = table.Column<int>(type: "INTEGER", nullable: false),
                    IvrName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HoldTime = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IvrRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QueueRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    StartTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndTime = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CallerId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ThisQueue = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    QueueName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CallType = table.Column<int>(type: "INTEGER", nullable: false),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    HoldTime = table.Column<int>(type: "INTEGER", nullable: false),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Recordings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Mobile = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CallType = table.Column<int>(type: "INTEGER", nullable: false),
                    Duration = table.Column<int>(type: "INTEGER", nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    Filename = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    CreateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recordings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IvrSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IvrRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndTime = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IvrStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IvrNode = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EventSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    IvrDigitType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    IvrDtmfDigit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ComponentName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StopCause = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IvrSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IvrSteps_IvrRecords_IvrRecordId",
                        column: x => x.IvrRecordId,
                        principalTable: "IvrRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QueueSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QueueRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    QueueStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    NodeStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    CallerId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QueueSteps_QueueRecords_QueueRecordId",
                        column: x => x.QueueRecordId,
                        principalTable: "QueueRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgentStateRecords_TenantId_Agent_StartTime",
                table: "AgentStateRecords",
                columns: new[] { "TenantId", "Agent", "StartTime" });

            migrationBuilder.CreateIndex(
                name: "IX_AttachedData_TenantId_CallId",
                table: "AttachedData",
                columns: new[] { "TenantId", "CallId" });

            migrationBuilder.CreateIndex(
                name: "IX_CallRecords_CtiCallId",
                table: "CallRecords",
                column: "CtiCallId");

            migrationBuilder.CreateIndex(
                name: "IX_CallRecords_TenantId_Agent_StartStamp",
                table: "CallRecords",
                columns: new[] { "TenantId", "Agent", "StartStamp" });

            migrationBuilder.CreateIndex(
                name: "IX_CallRecords_TenantId_StartStamp",
                table: "CallRecords",
                columns: new[] { "TenantId", "StartStamp" });

            migrationBuilder.CreateIndex(
                name: "IX_IvrRecords_CallId",
                table: "IvrRecords",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_IvrRecords_IvrSessionId",
                table: "IvrRecords",
                column: "IvrSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_IvrRecords_TenantId_StartTime",
                table: "IvrRecords",
                columns: new[] { "TenantId", "StartTime" });

            migrationBuilder.CreateIndex(
                name: "IX_IvrSteps_IvrRecordId_EventSequence",
                table: "IvrSteps",
                columns: new[] { "IvrRecordId", "EventSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueRecords_CallId",
                table: "QueueRecords",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueRecords_TenantId_StartTime",
                table: "QueueRecords",
                columns: new[] { "TenantId", "StartTime" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueSteps_QueueRecordId_Sequence",
                table: "QueueSteps",
                columns: new[] { "QueueRecordId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_CallId",
                table: "Recordings",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_TenantId_CreateTime",
                table: "Recordings",
                columns: new[] { "TenantId", "CreateTime" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgentStateRecords");

            migrationBuilder.DropTable(
                name: "AttachedData");

            migrationBuilder.DropTable(
                name: "CallRecords");

            migrationBuilder.DropTable(
                name: "IvrSteps");

            migrationBuilder.DropTable(
                name: "QueueSteps");

            migrationBuilder.DropTable(
                name: "Recordings");

            migrationBuilder.DropTable(
                name: "IvrRecords");

            migrationBuilder.DropTable(
                name: "QueueRecords");
        }
    }
}

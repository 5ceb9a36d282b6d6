using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CallCenter.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CallRecordNumberIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CallRecords_TenantId_Billsec",
                table: "CallRecords",
                columns: new[] { "TenantId", "Billsec" });

            migrationBuilder.CreateIndex(
                name: "IX_CallRecords_TenantId_CallerIdNumber",
                table: "CallRecords",
                columns: new[] { "TenantId", "CallerIdNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_CallRecords_TenantId_DestinationNumber",
                table: "CallRecords",
                columns: new[] { "TenantId", "DestinationNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CallRecords_TenantId_Billsec",
                table: "CallRecords");

            migrationBuilder.DropIndex(
                name: "IX_CallRecords_TenantId_CallerIdNumber",
                table: "CallRecords");

            migrationBuilder.DropIndex(
                name: "IX_CallRecords_TenantId_DestinationNumber",
                table: "CallRecords");
        }
    }
}

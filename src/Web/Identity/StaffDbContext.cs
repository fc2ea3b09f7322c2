using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Identity;

/// <summary>
/// Staff accounts (ASP.NET Core Identity), in schema <c>identity</c>.
/// New migration: <c>dotnet ef migrations add NAME --project src/Web --startup-project src/Web --context StaffDbContext --output-dir Identity/Migrations</c>
/// </summary>
internal sealed class StaffDbContext(DbContextOptions<StaffDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options)
{
    public const string Schema = "identity";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.Entity<StaffUser>(u =>
        {
            u.Property(x => x.FullName).HasMaxLength(200);
            u.Property(x => x.Title).HasMaxLength(200);
            u.Property(x => x.Unit).HasMaxLength(200);
        });
    }
}

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoVien.OnlineReception.Web.Pages;

internal sealed class IndexModel : PageModel;

using Juicebox.Sandbox.Accounts;

namespace Juicebox.Sandbox.Api;

/// <summary>The authenticated key of the current call, as the gateway left it for the handlers.</summary>
internal static class Caller
{
    private static readonly object s_itemKey = new();

    public static void Set(HttpContext context, ApiKey key)
    {
        context.Items[s_itemKey] = key;
    }

    public static ApiKey Get(HttpContext context)
    {
        return context.Items[s_itemKey] as ApiKey
            ?? throw new InvalidOperationException("The call reached a handler without an authenticated key.");
    }
}

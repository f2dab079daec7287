using Juicebox.Sandbox.Accounts;

namespace Juicebox.Sandbox.Api;

/// <summary>The authenticated key of the current call, as the gateway left it for the handlers.</summary>
internal static class Caller
{
    private static readonly object _itemKey = new();

    public static void Set(HttpContext context, ApiKey key)
    {
        context.Items[_itemKey] = key;
    }

    public static ApiKey Get(HttpContext context)
    {
        return context.Items[_itemKey] as ApiKey
            ?? throw new InvalidOperationException("The call reached a handler without an authenticated key.");
    }
}

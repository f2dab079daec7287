namespace Juicebox.Cluster.Tests.Persistence;

/// <summary>
/// The OrleansQuery keys Orleans 10.4.2's ADO.NET providers require, written out independently of
/// the migrations so a missing or misspelt key fails a test.
/// </summary>
internal static class OrleansQueryKeys
{
    public static readonly string[] Clustering =
    [
        "InsertMembershipVersionKey",
        "MembershipReadAllKey",
        "MembershipReadRowKey",
        "InsertMembershipKey",
        "UpdateMembershipKey",
        "UpdateIAmAlivetimeKey",
        "GatewaysQueryKey",
        "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    public static readonly string[] GrainStorage =
    [
        "WriteToStorageKey",
        "ReadFromStorageKey",
        "ClearStorageKey",
        "DeleteStorageKey",
    ];

    public static readonly string[] Reminders =
    [
        "UpsertReminderRowKey",
        "ReadReminderRowsKey",
        "ReadReminderRowKey",
        "ReadRangeRows1Key",
        "ReadRangeRows2Key",
        "DeleteReminderRowKey",
        "DeleteReminderRowsKey",
    ];

    public static IEnumerable<string> All => [.. Clustering, .. GrainStorage, .. Reminders];
}

namespace Juicebox.ClientApi.Apis.Exports;

/// <summary>One settled profile of a job as the export writes it; <see cref="Contact"/> only for callers who may see it.</summary>
internal readonly record struct EnrichmentResultRow(EnrichmentItemState Item, ContactData? Contact);

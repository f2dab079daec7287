using Xunit.Sdk;
using Xunit.v3;

namespace Juicebox.Testing;

/// <summary>
/// xunit's default collection order, except that collections marked <see cref="StartsFirstAttribute"/>
/// come first. Only the wall-clock time depends on it: every test stays independent of order.
/// Use with <c>[assembly: TestCollectionOrderer(typeof(WaitingCollectionsFirst))]</c>.
/// </summary>
public sealed class WaitingCollectionsFirst : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        [.. DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections).OrderBy(collection => StartsFirst(collection) ? 0 : 1)];

    private static bool StartsFirst(ITestCollection collection) =>
        collection is IXunitTestCollection { CollectionDefinition: { } definition } && Attribute.IsDefined(definition, typeof(StartsFirstAttribute));
}

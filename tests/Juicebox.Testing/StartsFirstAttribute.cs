namespace Juicebox.Testing;

/// <summary>
/// Marks a collection definition whose tests spend most of their time waiting (a rate limit's window,
/// a drained queue): <see cref="WaitingCollectionsFirst"/> starts it before the others, so that its
/// wait overlaps the rest of the assembly instead of trailing after it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StartsFirstAttribute : Attribute;

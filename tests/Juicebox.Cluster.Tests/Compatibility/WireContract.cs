using System.Reflection;

namespace Juicebox.Cluster.Tests.Compatibility;

/// <summary>
/// What two versions of the cluster must agree on to call each other's grains and read each other's
/// stream messages, as lines of text: each grain method by its interface's and its own alias with its
/// parameter and return types, each serialized member by its type's alias and <c>[Id]</c> with its type,
/// and each value of a serialized enum. C# names are left out where Orleans does not use them (a renamed
/// member or type keeps its line), so a line that disappears is a change the other version cannot read.
/// </summary>
public static class WireContract
{
    /// <summary>The assemblies whose types cross the wire: grain interfaces and the grains' serialized state.</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } =
        [typeof(IProfileGrain).Assembly, typeof(Juicebox.Grains.StorageNames).Assembly];

    public static string File { get; } = Path.Combine(TableSample.Folder, "..", "wire-contract.txt");

    /// <summary>The contract of this build, one sorted line per grain method, serialized member and enum value.</summary>
    public static IReadOnlyList<string> Describe()
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in Assemblies.SelectMany(assembly => assembly.GetTypes()))
        {
            if (type.IsInterface && typeof(Orleans.Runtime.IAddressable).IsAssignableFrom(type) && AliasOf(type) is { } grain)
            {
                foreach (var method in type.GetMethods())
                {
                    var parameters = string.Join(", ", method.GetParameters().Select(parameter => NameOf(parameter.ParameterType)));
                    lines.Add($"grain {grain}.{AliasOf(method) ?? "(no alias) " + method.Name}({parameters}) -> {NameOf(method.ReturnType)}");
                }
            }

            if (type.GetCustomAttribute<GenerateSerializerAttribute>() is null)
            {
                continue;
            }

            var alias = AliasOf(type) ?? "(no alias) " + type.FullName;
            if (type.IsEnum)
            {
                foreach (var value in Enum.GetValuesAsUnderlyingType(type))
                {
                    lines.Add($"enum {alias} = {value}");
                }

                continue;
            }

            const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetProperties(Members).Cast<MemberInfo>().Concat(type.GetFields(Members)))
            {
                if (member.GetCustomAttribute<IdAttribute>() is { } id)
                {
                    var memberType = member is PropertyInfo property ? property.PropertyType : ((FieldInfo)member).FieldType;
                    lines.Add($"type {alias} [Id({id.Id})] {NameOf(memberType)}");
                }
            }
        }

        return [.. lines];
    }

    /// <summary>A type as the contract names it: its alias when it has one, else its namespace-qualified name, with its type arguments.</summary>
    private static string NameOf(Type type)
    {
        if (AliasOf(type) is { } alias)
        {
            return alias;
        }

        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var definition = type.GetGenericTypeDefinition();
        var name = definition.FullName ?? definition.Name;
        return $"{name[..name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(NameOf))}>";
    }

    private static string? AliasOf(MemberInfo member) => member.GetCustomAttribute<AliasAttribute>()?.Alias;
}

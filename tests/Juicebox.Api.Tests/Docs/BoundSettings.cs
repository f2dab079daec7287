using System.Reflection;
using System.Text.RegularExpressions;
using Juicebox.ClientApi.Hosting;
using Juicebox.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Juicebox.Api.Tests.Docs;

/// <summary>One setting as a host binds it: its configuration key and the options class it lands in.</summary>
public sealed record BoundSetting(string Key, Type OptionsType)
{
    /// <summary>The key as an environment variable, e.g. <c>ProfileCache__TimeToLive</c>.</summary>
    public string EnvironmentVariable => Key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Whether the options class is the product's own (not Orleans' or ASP.NET Core's).</summary>
    public bool IsOwn => BoundSettings.ProductAssemblies.Contains(OptionsType.Assembly.GetName().Name!);
}

/// <summary>
/// Finds every setting the hosts bind, from the hosts themselves: client-api is wired in Embedded and in
/// Cluster mode, a silo and the sandbox as their programs wire them, and every options class bound from
/// configuration or configured (<c>Bind</c>, <c>BindConfiguration</c>, a configure action that binds a
/// section itself) that is the product's own or has a validator in the product is built once under
/// each name it is registered with, while a configuration source notes the keys read: a class that
/// reads a section is bound from it, and its public settable properties are its settings.
/// </summary>
public static partial class BoundSettings
{
    /// <summary>The assemblies of the solution's product projects: every project outside tests/ and bench/.</summary>
    public static IReadOnlySet<string> ProductAssemblies { get; } = ReadProductAssemblies();

    public static IReadOnlyList<BoundSetting> Read()
    {
        var embedded = Read(new Dictionary<string, string?>(), builder => builder.AddJuiceboxApi());
        Dictionary<string, string?> cluster = new()
        {
            // Never opened: the services are built, not started.
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=9;Database=docs;Username=docs;Password=docs",
            ["Api:Keys:0"] = "docs-test-api-key",
        };
        var clientApi = Read(cluster, builder => builder.AddJuiceboxApi());

        // As silo/Program.cs wires a silo.
        var silo = Read(cluster, builder =>
        {
            builder.AddJuiceboxSilo();
            builder.AddJuiceboxTelemetry("juicebox-silo");
        });

        // The sandbox's own process; Embedded mode reads the same section for its in-process sandbox.
        var sandbox = Read([], builder => builder.AddJuiceboxSandbox());
        return [.. embedded.Concat(clientApi).Concat(silo).Concat(sandbox).DistinctBy(setting => setting.Key, StringComparer.OrdinalIgnoreCase).OrderBy(setting => setting.Key, StringComparer.Ordinal)];
    }

    private static List<BoundSetting> Read(Dictionary<string, string?> settings, Action<WebApplicationBuilder> wire)
    {
        var recorder = new KeyRecordingConfigurationSource();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        ((IConfigurationBuilder)builder.Configuration).Add(recorder);
        wire(builder);

        var validated = ValidatedTypes(builder.Services);
        var bound = builder.Services
            .Where(service => service.ServiceType.IsGenericType
                && (service.ServiceType.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>)
                    || service.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>)))
            .Select(service => service.ServiceType.GetGenericArguments()[0])
            .Where(type => ProductAssemblies.Contains(type.Assembly.GetName().Name!) || validated.Contains(type))
            .Distinct()
            .ToList();

        using var services = builder.Services.BuildServiceProvider();
        List<BoundSetting> found = [];
        foreach (var type in bound)
        {
            var names = ((IEnumerable<object>)services.GetServices(typeof(IOptionsChangeTokenSource<>).MakeGenericType(type)))
                .Concat((IEnumerable<object>)services.GetServices(typeof(IConfigureOptions<>).MakeGenericType(type)))
                .Select(NameOf)
                .Append(Options.DefaultName)
                .Distinct();
            var factory = services.GetRequiredService(typeof(IOptionsFactory<>).MakeGenericType(type));
            var create = factory.GetType().GetMethod(nameof(IOptionsFactory<object>.Create))!;
            foreach (var name in names)
            {
                recorder.Clear();
                recorder.Recording = true;
                try
                {
                    create.Invoke(factory, [name]);
                }
                catch (TargetInvocationException exception) when (exception.InnerException is OptionsValidationException)
                {
                    // Validation comes after binding: the keys are noted already.
                }
                finally
                {
                    recorder.Recording = false;
                }

                if (recorder.Keys.Count == 0)
                {
                    // Configured in code under this name, not bound from configuration.
                    continue;
                }

                var section = SectionOf(type, name, recorder.Keys);
                found.AddRange(SettingKeys(type, section).Select(key => new BoundSetting(key, type)));
            }
        }

        return found;
    }

    /// <summary>The options name a change-token source or a configure action is for; the default name where it has none.</summary>
    private static string NameOf(object registration) =>
        registration.GetType().GetProperty("Name")?.GetValue(registration) as string ?? Options.DefaultName;

    /// <summary>
    /// The section <paramref name="type"/> is bound from: of the keys the binder read, the one every other
    /// lies below (the binder reads a section before it looks for the keys in it).
    /// </summary>
    private static string SectionOf(Type type, string name, IReadOnlyCollection<string> keys) =>
        keys.Where(key => keys.All(other => other.Equals(key, StringComparison.OrdinalIgnoreCase) || other.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)))
            .MinBy(key => key.Length)
        ?? throw new InvalidOperationException(
            $"Binding {type.Name} (name '{name}') read no single section: {(keys.Count == 0 ? "no key at all" : string.Join(", ", keys))}.");

    /// <summary>The keys of <paramref name="type"/>'s public settable properties below <paramref name="section"/>; nested classes give the keys below them.</summary>
    private static IEnumerable<string> SettingKeys(Type type, string section)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0 || typeof(Delegate).IsAssignableFrom(property.PropertyType))
            {
                continue;
            }

            var key = $"{section}:{property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name}";
            if (IsNestedClass(property.PropertyType))
            {
                foreach (var nested in SettingKeys(property.PropertyType, key))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    /// <summary>A class the binder fills property by property; values, strings, URIs and collections are one setting each.</summary>
    private static bool IsNestedClass(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    /// <summary>The options types a product validator checks.</summary>
    private static HashSet<Type> ValidatedTypes(IServiceCollection services) =>
    [
        .. services
            .Where(service => service.ServiceType.IsGenericType && service.ServiceType.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Where(service => service.ImplementationType is { } implementation && ProductAssemblies.Contains(implementation.Assembly.GetName().Name!)
                || service.ImplementationInstance is { } instance && ProductAssemblies.Contains(instance.GetType().Assembly.GetName().Name!))
            .Select(service => service.ServiceType.GetGenericArguments()[0]),
    ];

    private static HashSet<string> ReadProductAssemblies()
    {
        var solution = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "Orleans.Juicebox.sln"));
        return
        [
            .. ProjectPath().Matches(solution)
                .Select(match => match.Groups["path"].Value.Replace('\\', '/'))
                .Where(path => !path.StartsWith("tests/", StringComparison.Ordinal) && !path.StartsWith("bench/", StringComparison.Ordinal))
                .Select(path => Path.GetFileNameWithoutExtension(path)),
        ];
    }

    [GeneratedRegex(@"""(?<path>[^""]+\.csproj)""")]
    private static partial Regex ProjectPath();
}

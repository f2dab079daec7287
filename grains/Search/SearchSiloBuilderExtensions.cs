using Juicebox.Grains.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>Gives a silo cached search: its options and the search grains' idle collection.</summary>
public static class SearchSiloBuilderExtensions
{
    /// <summary>
    /// Adds the <c>Search</c> options and makes a search grain leave memory once it has been idle for
    /// its page's time to live (or two collection quanta, two minutes by default, when that is longer),
    /// so an expired page does not linger.
    /// </summary>
    public static ISiloBuilder AddJuiceboxSearch(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);

        var services = silo.Services;
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SearchOptions>, SearchOptionsValidator>());

        var timeToLive = configuration.GetSection(SearchOptions.SectionName).Get<SearchOptions>()?.TimeToLive
            ?? new SearchOptions().TimeToLive;

        // Orleans refuses a collection age that is not longer than its collection quantum.
        services.PostConfigure<GrainCollectionOptions>(collection =>
            collection.ClassSpecificCollectionAge[typeof(SearchGrain).FullName!] =
                timeToLive > collection.CollectionQuantum ? timeToLive : collection.CollectionQuantum * 2);
        return silo;
    }
}

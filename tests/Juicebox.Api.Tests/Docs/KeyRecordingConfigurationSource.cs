using Microsoft.Extensions.Configuration;

namespace Juicebox.Api.Tests.Docs;

/// <summary>
/// A configuration source that holds nothing and notes every key asked of it. Added last, it is asked
/// first for every key anyone reads, so binding an options class through it lists the class's keys.
/// </summary>
public sealed class KeyRecordingConfigurationSource : IConfigurationSource
{
    private readonly HashSet<string> _keys = new(StringComparer.OrdinalIgnoreCase);

    public bool Recording { get; set; }

    /// <summary>The keys read since the last <see cref="Clear"/> while <see cref="Recording"/> was on.</summary>
    public IReadOnlyCollection<string> Keys
    {
        get
        {
            lock (_keys)
            {
                return [.. _keys];
            }
        }
    }

    public void Clear()
    {
        lock (_keys)
        {
            _keys.Clear();
        }
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

    private void Note(string key)
    {
        if (!Recording)
        {
            return;
        }

        lock (_keys)
        {
            _keys.Add(key);
        }
    }

    private sealed class Provider(KeyRecordingConfigurationSource source) : ConfigurationProvider
    {
        public override bool TryGet(string key, out string? value)
        {
            source.Note(key);
            value = null;
            return false;
        }
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Juicebox.ClientApi.Apis.Exports;

/// <summary>
/// Renders export rows as NDJSON or CSV into a buffer that the caller sends a page at a time, so the
/// response is written while the job store is still being read.
/// </summary>
/// <remarks>
/// Columns: profileId, status, reason, finishedAt, then email, personalEmail, phone when the caller
/// may see contact data. CSV quotes per RFC 4180; every response starts with the header line, so a
/// resumed download (<c>after=</c>) is a valid CSV of its own.
/// </remarks>
internal sealed class EnrichmentResultWriter(EnrichmentResultFormat format, bool withContact) : IDisposable
{
    private static readonly string[] _columns = ["profileId", "status", "reason", "finishedAt"];
    private static readonly string[] _contactColumns = ["email", "personalEmail", "phone"];

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    // Relaxed escaping: the output is a download, never embedded in HTML, and "+44..." should stay readable.
    private readonly Utf8JsonWriter _json = new(Stream.Null, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public ReadOnlyMemory<byte> Pending => _buffer.WrittenMemory;

    public void Clear() => _buffer.ResetWrittenCount();

    public void Dispose() => _json.Dispose();

    public void WriteHeader()
    {
        if (format == EnrichmentResultFormat.Csv)
        {
            WriteText(string.Join(',', withContact ? [.. _columns, .. _contactColumns] : _columns) + "\r\n");
        }
    }

    public void Write(EnrichmentResultRow row)
    {
        if (format == EnrichmentResultFormat.Csv)
        {
            WriteCsv(row);
        }
        else
        {
            WriteJson(row);
        }
    }

    private void WriteJson(EnrichmentResultRow row)
    {
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("profileId", row.Item.ProfileId);
        _json.WriteString("status", StatusName(row.Item.Status));
        WriteStringOrNull("reason", row.Item.Reason);
        if (row.Item.FinishedAt is { } finishedAt)
        {
            _json.WriteString("finishedAt", finishedAt);
        }
        else
        {
            _json.WriteNull("finishedAt");
        }

        if (withContact)
        {
            if (row.Contact is { } contact)
            {
                _json.WriteStartObject("contact");
                WriteStringOrNull("email", contact.Email);
                WriteStringOrNull("personalEmail", contact.PersonalEmail);
                WriteStringOrNull("phone", contact.Phone);
                _json.WriteEndObject();
            }
            else
            {
                _json.WriteNull("contact");
            }
        }

        _json.WriteEndObject();
        _json.Flush();
        WriteText("\n");
    }

    private void WriteStringOrNull(string name, string? value)
    {
        if (value is null)
        {
            _json.WriteNull(name);
        }
        else
        {
            _json.WriteString(name, value);
        }
    }

    private void WriteCsv(EnrichmentResultRow row)
    {
        var line = new StringBuilder(128);
        line.Append(Field(row.Item.ProfileId)).Append(',')
            .Append(StatusName(row.Item.Status)).Append(',')
            .Append(Field(row.Item.Reason)).Append(',')
            .Append(row.Item.FinishedAt?.ToString("O", CultureInfo.InvariantCulture));
        if (withContact)
        {
            line.Append(',').Append(Field(row.Contact?.Email))
                .Append(',').Append(Field(row.Contact?.PersonalEmail))
                .Append(',').Append(Field(row.Contact?.Phone));
        }

        WriteText(line.Append("\r\n").ToString());
    }

    private static string Field(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value
        : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string StatusName(EnrichmentItemStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private void WriteText(string text) => Encoding.UTF8.GetBytes(text, _buffer);
}

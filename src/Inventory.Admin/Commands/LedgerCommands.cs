using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Inventory.Admin.Cli;
using Inventory.Admin.Connections;
using Inventory.Admin.Output;
using Inventory.Queries.Admin;

namespace Inventory.Admin.Commands;

/// <summary>
/// <c>ledger tail</c> follows new entries by polling the ledger by global sequence; <c>ledger export</c> writes a time
/// range as CSV. Both read through the server, or the database when the server is down.
/// </summary>
public static class LedgerCommands
{
    private const int PageSize = 1000;
    private const int LookBack = 200;

    public const string CsvHeader =
        "seq,at,warehouse,sku,position_seq,type,quantity,unit_cost,total_cost,on_hand_after,reserved_after,reservation_id,expires_at,reference,reason,lot,lot_expires_on,request_id,user,role";

    public static Command Create(AdminConsole console) => new("ledger", "Follow or export the ledger") { Tail(console), Export(console) };

    private static Command Tail(AdminConsole console)
    {
        var warehouse = Actions.Text("--warehouse", "Only entries of this warehouse");
        var sku = Actions.Text("--sku", "Only entries of this SKU");
        var last = Actions.Number("--last", "Start with the last N entries of the ledger", 10);
        var interval = DurationOption("--interval", "How often to look for new entries", TimeSpan.FromSeconds(1));
        var duration = DurationOption("--for", "Stop after this long (default: until Ctrl+C)", null);
        var max = Actions.Number("--max", "Stop after printing this many entries (0: no limit)", 0);
        var command = new Command("tail", "Follow new ledger entries live (Ctrl+C stops)") { warehouse, sku, last, interval, duration, max };
        return command.Runs(console, async (session, parse, ct) =>
        {
            var (w, s, limit) = (parse.GetValue(warehouse), parse.GetValue(sku), parse.GetValue(max));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var printed = 0;
            try
            {
                var first = await ReadAsync(session, new LedgerQuery(long.MaxValue - 1, 1), stop.Token);
                var after = Math.Max(0, first.LastSeq - Math.Max(0, parse.GetValue(last)));
                if (!session.Json)
                    session.Note($"Following the ledger from #{after + 1}{(w is null ? "" : " of " + w)}{(s is null ? "" : " sku " + s)}; Ctrl+C stops.");
                // --for counts from here, once connected: a slow first answer must not use up the whole window.
                if (parse.GetValue(duration) is { } span) stop.CancelAfter(span);
                // Sequence numbers are taken at insert and committed in any order, so a batch with a lower number can become
                // visible after a higher one: each poll looks back a little and skips what it already printed.
                var floor = after;
                var seen = new HashSet<long>();
                var seenOrder = new Queue<long>();
                while (true)
                {
                    var page = await ReadAsync(session, new LedgerQuery(Math.Max(0, after - LookBack), PageSize, w, s), stop.Token);
                    foreach (var row in page.Entries)
                    {
                        if (row.Seq <= floor || !seen.Add(row.Seq)) continue;
                        seenOrder.Enqueue(row.Seq);
                        if (seenOrder.Count > 4 * PageSize) seen.Remove(seenOrder.Dequeue());
                        console.Out.WriteLine(session.Json ? JsonSerializer.Serialize(row, AdminJson.Line) : Line(row));
                        after = Math.Max(after, row.Seq);
                        if (limit > 0 && ++printed >= limit) return ExitCodes.Ok;
                    }
                    await console.Out.FlushAsync(stop.Token);
                    if (page.NextAfterSeq is null)
                        await Task.Delay(parse.GetValue(interval) ?? TimeSpan.FromSeconds(1), stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
        });
    }

    private static Command Export(AdminConsole console)
    {
        var from = new Option<string>("--from") { Description = "Start (inclusive): a UTC day (2026-03-01) or time (2026-03-01T09:00:00Z)", Required = true };
        var to = Actions.Text("--to", "End (exclusive), same forms; default now");
        var warehouse = Actions.Text("--warehouse", "Only entries of this warehouse");
        var sku = Actions.Text("--sku", "Only entries of this SKU");
        var output = Actions.Text("--output", "Write to this file instead of stdout");
        var command = new Command("export", "Export ledger entries of a time range as CSV (or JSON lines with --json), in global sequence order")
        {
            from, to, warehouse, sku, output,
        };
        return command.Runs(console, async (session, parse, ct) =>
        {
            var start = Instants.Parse(parse.GetValue(from)!, "--from");
            var end = parse.GetValue(to) is { } t ? Instants.Parse(t, "--to") : DateTimeOffset.UtcNow;
            if (end <= start)
                throw new AdminException(ExitCodes.Usage, "--to must be after --from.");
            var path = parse.GetValue(output);
            await using var file = path is null ? null : new StreamWriter(Path.GetFullPath(path, console.WorkingDirectory), false, new UTF8Encoding(false));
            var writer = file ?? console.Out;
            if (!session.Json)
                await writer.WriteLineAsync(CsvHeader);
            long after = 0, count = 0;
            while (true)
            {
                var page = await ReadAsync(session, new LedgerQuery(after, PageSize, parse.GetValue(warehouse), parse.GetValue(sku), start, end), ct);
                foreach (var row in page.Entries)
                {
                    await writer.WriteLineAsync(session.Json ? JsonSerializer.Serialize(row, AdminJson.Line) : Csv(row));
                    count++;
                }
                if (page.NextAfterSeq is not { } next) break;
                after = next;
            }
            await writer.FlushAsync(ct);
            if (path is not null || !session.Json)
                session.Note($"{count} ledger entries from {Format.Time(start)} to {Format.Time(end)}{(path is null ? "" : " written to " + path)}.");
            return ExitCodes.Ok;
        });
    }

    private static Task<LedgerRows> ReadAsync(Session session, LedgerQuery query, CancellationToken ct) =>
        session.ServerOrDatabaseAsync(
            server => server.GetAsync<LedgerRows>("/api/v1/admin/ledger" + QueryString(query), ct),
            database => database.Queries.LedgerAsync(query, ct),
            ct);

    private static string QueryString(LedgerQuery q)
    {
        var s = new StringBuilder($"?afterSeq={q.AfterSeq}&limit={q.Limit}");
        if (q.Warehouse is not null) s.Append("&warehouse=").Append(Uri.EscapeDataString(q.Warehouse));
        if (q.Sku is not null) s.Append("&sku=").Append(Uri.EscapeDataString(q.Sku));
        if (q.From is { } from) s.Append("&from=").Append(Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture)));
        if (q.To is { } to) s.Append("&to=").Append(Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)));
        return s.ToString();
    }

    public static string Line(LedgerRow r)
    {
        var levels = $"on hand {Format.Number(r.OnHandAfter)}, reserved {Format.Number(r.ReservedAfter)}";
        var extra = string.Join(" ", new[]
        {
            r.ReservationId is null ? null : "reservation " + r.ReservationId,
            r.Reference is null ? null : "ref " + r.Reference,
            r.Reason is null ? null : "reason " + r.Reason,
            r.Lot is null ? null : "lot " + r.Lot,
        }.Where(x => x is not null));
        return $"#{r.Seq} {Format.Time(r.At)} {r.Warehouse}/{r.Sku} {r.Type} {Format.Number(r.Quantity)} -> {levels} by {r.User} ({r.Role}){(extra.Length > 0 ? " " + extra : "")}";
    }

    public static string Csv(LedgerRow r)
    {
        static string F(string? value) => value is null ? "" :
            value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        static string N(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
        static string T(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) ?? "";
        return string.Join(',',
            r.Seq.ToString(CultureInfo.InvariantCulture), T(r.At), F(r.Warehouse), F(r.Sku), r.PositionSeq.ToString(CultureInfo.InvariantCulture), r.Type,
            N(r.Quantity), N(r.UnitCost), N(r.TotalCost), N(r.OnHandAfter), N(r.ReservedAfter), F(r.ReservationId), T(r.ExpiresAt), F(r.Reference),
            F(r.Reason), F(r.Lot), r.LotExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", F(r.RequestId), F(r.User), F(r.Role));
    }

    public static Option<TimeSpan?> DurationOption(string name, string description, TimeSpan? defaultValue)
    {
        var option = new Option<TimeSpan?>(name)
        {
            Description = $"{description} ({Durations.Help})",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (Durations.TryParse(text, out var value)) return value;
                result.AddError($"{name} '{text}' is not a duration ({Durations.Help}).");
                return null;
            },
        };
        if (defaultValue is { } d) option.DefaultValueFactory = _ => d;
        return option;
    }
}

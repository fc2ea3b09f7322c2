using System.Text;
using Npgsql;

namespace DaoVien.OnlineReception.Testing;

/// <summary>Every row of every table of a test database, as JSON lines: what a backup reader would hold.</summary>
public static class DatabaseDump
{
    /// <summary>The dump, and the tables it read (so a test can check the table it is about was in it).</summary>
    public static async Task<(string Rows, IReadOnlyList<string> Tables)> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT coalesce(string_agg(row_to_json(t)::text, E'\\n'), '') FROM {table} t", connection);
            dump.AppendLine((string)(await select.ExecuteScalarAsync(cancellationToken))!);
        }

        return (dump.ToString(), tables);
    }
}

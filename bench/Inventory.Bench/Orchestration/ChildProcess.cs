using System.Diagnostics;

namespace Inventory.Bench.Orchestration;

/// <summary>
/// A process the benchmark started (the server, the baseline, a build), its output appended to a log file. Disposing
/// kills it and its children — only this process tree, by its id.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();

    private ChildProcess(Process process, StreamWriter log, string logPath, string name)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        Name = name;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, name + ".log");
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var info = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, log, logPath, name);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs to completion; throws with the log's tail when the exit code is not 0.</summary>
    public static async Task RunAsync(string name, string fileName, IEnumerable<string> arguments, string workingDirectory,
        string logDirectory, TimeSpan timeout)
    {
        await using var child = Start(name, fileName, arguments, workingDirectory, new Dictionary<string, string>(), logDirectory);
        using var cts = new CancellationTokenSource(timeout);
        await child._process.WaitForExitAsync(cts.Token);
        if (child._process.ExitCode != 0)
            throw new InvalidOperationException($"{name} failed (exit {child._process.ExitCode}):\n{child.Tail(40)}");
    }

    public string Tail(int lines)
    {
        lock (_logLock)
            _log.Flush();
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_logLock)
            _log.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or will be reaped by the OS.
        }
        lock (_logLock)
            _log.Dispose();
        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace PolicyOperator.Benchmarks.Sensor;

/// <summary>
/// The TCP connect/request loop the sensor benchmarks run inside test pods: this executable started
/// again with a flag. The server answers each 64-byte request with 64 bytes and closes first (its
/// side keeps TIME_WAIT, so the client never runs out of ports); the client counts connections. The
/// client runs the given number of connect loops, each at its share of the rate: one loop alone stops
/// near 7,000 connections per second on these machines, short of the 10,000 the rate table asks for.
/// </summary>
internal static class PodLoadGenerator
{
    public const string ServerFlag = "--pod-load-server";
    public const string ClientFlag = "--pod-load-client";
    public const string TimelineFlag = "--pod-load-timeline";
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(10);
    private const int MessageSize = 64;

    /// <summary>Runs a child mode when the arguments name one.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        switch (args)
        {
            case [ServerFlag, var port, .. var cpu]:
                RunServer(int.Parse(port, CultureInfo.InvariantCulture), CpuArgument(cpu));
                return true;
            case [ClientFlag, var address, var port, var seconds, var rate, var loops]:
                var (connections, elapsed) = RunClient(
                    IPAddress.Parse(address), int.Parse(port, CultureInfo.InvariantCulture),
                    double.Parse(seconds, CultureInfo.InvariantCulture), int.Parse(rate, CultureInfo.InvariantCulture),
                    int.Parse(loops, CultureInfo.InvariantCulture));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{connections} {elapsed:F6}"));
                return true;
            case [TimelineFlag, var address, var port, var seconds, .. var cpu]:
                RunTimeline(
                    IPAddress.Parse(address), int.Parse(port, CultureInfo.InvariantCulture),
                    double.Parse(seconds, CultureInfo.InvariantCulture), CpuArgument(cpu));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The command line that starts a child mode of this executable.</summary>
    public static List<string> CommandLine(params string[] args)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? [host, typeof(PodLoadGenerator).Assembly.Location, .. args]
            : [host, .. args];
    }

    private static int? CpuArgument(string[] rest) =>
        rest is [var cpu] ? int.Parse(cpu, CultureInfo.InvariantCulture) : null;

    // Threads started after this inherit the process's affinity: the loop and the server's workers.
    private static void PinTo(int? cpu)
    {
        if (cpu is { } index && OperatingSystem.IsLinux())
        {
            Process.GetCurrentProcess().ProcessorAffinity = (nint)(1L << index);
        }
    }

    private static void RunServer(int port, int? cpu)
    {
        PinTo(cpu);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Any, port));
        listener.Listen(4096);
        var workers = Enumerable.Range(0, 2).Select(_ => new Thread(() => Serve(listener)) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
    }

    private static void Serve(Socket listener)
    {
        var buffer = new byte[MessageSize];
        while (true)
        {
            using var connection = listener.Accept();
            var read = 0;
            while (read < MessageSize)
            {
                var n = connection.Receive(buffer, read, MessageSize - read, SocketFlags.None);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            connection.Send(buffer, 0, read, SocketFlags.None);
        }
    }

    private static (long Connections, double Seconds) RunClient(IPAddress address, int port, double seconds, int rate, int loops)
    {
        loops = Math.Max(1, loops);
        var counts = new long[loops];
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, loops)
            .Select(i => new Thread(() => counts[i] = ConnectLoop(new IPEndPoint(address, port), clock, seconds, rate / (double)loops)) { IsBackground = true })
            .ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return (counts.Sum(), clock.Elapsed.TotalSeconds);
    }

    // One connect loop, sampled every few milliseconds as "timestamp count" lines (Stopwatch ticks:
    // CLOCK_MONOTONIC, the same clock in every process), so that the harness can count the
    // connections of any time window it chose while the loop ran, such as its sensor on/off phases.
    private static void RunTimeline(IPAddress address, int port, double seconds, int? cpu)
    {
        PinTo(cpu);
        var clock = Stopwatch.StartNew();
        var count = new StrongBox<long>();
        var loop = new Thread(() => ConnectLoop(new IPEndPoint(address, port), clock, seconds, 0, count)) { IsBackground = true };
        var samples = new List<(long Timestamp, long Count)>((int)(seconds / SampleInterval.TotalSeconds) + 16);
        loop.Start();
        while (loop.IsAlive)
        {
            samples.Add((Stopwatch.GetTimestamp(), Volatile.Read(ref count.Value)));
            Thread.Sleep(SampleInterval);
        }

        samples.Add((Stopwatch.GetTimestamp(), Volatile.Read(ref count.Value)));
        var output = new System.Text.StringBuilder();
        foreach (var (timestamp, connections) in samples)
        {
            output.Append(CultureInfo.InvariantCulture, $"{timestamp} {connections}\n");
        }

        Console.Write(output.ToString());
    }

    private static long ConnectLoop(IPEndPoint endpoint, Stopwatch clock, double seconds, double rate, StrongBox<long>? progress = null)
    {
        var request = new byte[MessageSize];
        var response = new byte[MessageSize];
        var connections = 0L;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (rate > 0)
            {
                var ahead = (connections / rate) - clock.Elapsed.TotalSeconds;
                if (ahead > 0.001)
                {
                    Thread.Sleep(TimeSpan.FromSeconds(ahead));
                }
            }

            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(endpoint);
            socket.Send(request);
            while (socket.Receive(response) > 0)
            {
                // the answer, then the server's close
            }

            connections++;
            if (progress is not null)
            {
                Volatile.Write(ref progress.Value, connections);
            }
        }

        return connections;
    }
}

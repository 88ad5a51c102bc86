using System.Runtime.InteropServices;
using PolicyOperator.Testing.ApiServer;

// Runs the test API server on its own: `dotnet run --project tests/PolicyOperator.Testing.ApiServer -- --port 6443`
// (`make apiserver`). Options: --port N, --https, --kubeconfig PATH, --apply FILE_OR_DIR (repeatable), --log.
var port = 6443;
var https = false;
var log = false;
string? kubeconfig = null;
var manifests = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--port":
            port = int.TryParse(Value(), out var p) && p is >= 0 and <= 65535 ? p : throw new ArgumentException("--port needs a number from 0 to 65535");
            break;
        case "--https":
            https = true;
            break;
        case "--kubeconfig":
            kubeconfig = Value();
            break;
        case "--apply":
            manifests.Add(Value());
            break;
        case "--log":
            log = true;
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: PolicyOperator.Testing.ApiServer [--port N] [--https] [--kubeconfig PATH] [--apply FILE_OR_DIR]... [--log]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; see --help");
            return 2;
    }
}

using var stop = new CancellationTokenSource();

// Ctrl+C, and SIGTERM from make, timeout, kill or a container runtime, stop the server cleanly.
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var options = new TestApiServerOptions
{
    Port = port,
    UseHttps = https,
    Manifests = manifests,
    RequestLog = log ? line => Console.WriteLine(line) : null,
};
await using var server = await TestApiServer.StartAsync(options, stop.Token);
Console.WriteLine($"test API server listening on {server.BaseAddress}");
if (kubeconfig is not null)
{
    server.WriteKubeconfig(kubeconfig);
    Console.WriteLine($"kubeconfig written to {kubeconfig} (kubectl --kubeconfig {kubeconfig} get ns)");
}

Console.WriteLine("fault injection: POST JSON to /testapiserver/faults (see docs/testapiserver.md); Ctrl+C or SIGTERM stops");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C.
}

return 0;

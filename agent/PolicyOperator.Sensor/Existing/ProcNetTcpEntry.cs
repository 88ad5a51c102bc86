using System.Net;

namespace PolicyOperator.Sensor.Existing;

/// <summary>One socket line of /proc/net/tcp{,6}.</summary>
public sealed record ProcNetTcpEntry(IPAddress LocalAddress, ushort LocalPort, IPAddress RemoteAddress, ushort RemotePort, int State, ulong Inode);

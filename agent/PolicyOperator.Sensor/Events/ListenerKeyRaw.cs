using System.Runtime.InteropServices;

namespace PolicyOperator.Sensor.Events;

/// <summary>Mirror of <c>struct listener_key</c>: a listening TCP port in a network namespace (map <c>listeners</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ListenerKeyRaw
{
    /// <summary>Network namespace inode.</summary>
    public uint NetnsInode;

    /// <summary>The listening port (host order).</summary>
    public ushort Port;

    /// <summary>AF_INET or AF_INET6 of the listening socket.</summary>
    public ushort Family;
}

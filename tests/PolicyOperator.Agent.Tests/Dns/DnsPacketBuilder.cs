using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace PolicyOperator.Agent.Tests.Dns;

/// <summary>Writes DNS messages for tests, with name compression where asked.</summary>
internal sealed class DnsPacketBuilder
{
    private readonly List<byte> _bytes = [];
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private int _questions;
    private int _answers;

    public DnsPacketBuilder(ushort id = 0x1234, bool response = true)
    {
        Id = id;
        Response = response;
        _bytes.AddRange(new byte[12]);
    }

    public ushort Id { get; }

    public bool Response { get; }

    public bool Compress { get; init; } = true;

    public DnsPacketBuilder Question(string name, ushort type)
    {
        Name(name);
        U16(type);
        U16(1);
        _questions++;
        return this;
    }

    public DnsPacketBuilder Address(string name, IPAddress address, uint ttl)
    {
        var data = address.GetAddressBytes();
        Record(name, data.Length == 4 ? (ushort)1 : (ushort)28, ttl, () => _bytes.AddRange(data));
        return this;
    }

    public DnsPacketBuilder Cname(string name, string target, uint ttl)
    {
        Record(name, 5, ttl, () => Name(target));
        return this;
    }

    public byte[] Build()
    {
        var packet = _bytes.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(packet, Id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(Response ? 0x8180 : 0x0100));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)_questions);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), (ushort)_answers);
        return packet;
    }

    private void Record(string name, ushort type, uint ttl, Action writeData)
    {
        Name(name);
        U16(type);
        U16(1);
        U16((ushort)(ttl >> 16));
        U16((ushort)ttl);
        var lengthAt = _bytes.Count;
        U16(0);
        var start = _bytes.Count;
        writeData();
        var length = _bytes.Count - start;
        _bytes[lengthAt] = (byte)(length >> 8);
        _bytes[lengthAt + 1] = (byte)length;
        _answers++;
    }

    private void Name(string name)
    {
        var labels = name.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var suffix = string.Join('.', labels[i..]);
            if (Compress && _names.TryGetValue(suffix, out var at))
            {
                _bytes.Add((byte)(0xC0 | (at >> 8)));
                _bytes.Add((byte)at);
                return;
            }

            _names.TryAdd(suffix, _bytes.Count);
            _bytes.Add((byte)labels[i].Length);
            _bytes.AddRange(Encoding.ASCII.GetBytes(labels[i]));
        }

        _bytes.Add(0);
    }

    private void U16(ushort value)
    {
        _bytes.Add((byte)(value >> 8));
        _bytes.Add((byte)value);
    }
}

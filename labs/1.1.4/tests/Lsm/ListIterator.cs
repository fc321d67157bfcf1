using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>A sorted run held in a list, for testing what consumes iterators without building tables.</summary>
internal sealed class ListIterator(params (string Key, string? Value)[] entries) : IKeyValueIterator
{
    private readonly (byte[] Key, ValueKind Kind, byte[] Value)[] _entries = [.. entries.Select(e =>
        (System.Text.Encoding.ASCII.GetBytes(e.Key), e.Value is null ? ValueKind.Deletion : ValueKind.Value, System.Text.Encoding.ASCII.GetBytes(e.Value ?? "")))];
    private int _position = int.MaxValue;

    public bool Valid => _position >= 0 && _position < _entries.Length;
    public ReadOnlySpan<byte> Key => _entries[_position].Key;
    public ValueKind Kind => _entries[_position].Kind;
    public ReadOnlySpan<byte> Value => _entries[_position].Value;

    public void SeekToFirst() => _position = 0;

    public void Seek(ReadOnlySpan<byte> key)
    {
        _position = 0;
        while (Valid && KeyComparer.Compare(Key, key) < 0) _position++;
    }

    public void Next() => _position++;

    public void SeekToLast() => _position = _entries.Length - 1;

    public void SeekForPrev(ReadOnlySpan<byte> key)
    {
        _position = _entries.Length - 1;
        while (_position >= 0 && KeyComparer.Compare(Key, key) > 0) _position--;
    }

    public void Prev() => _position--;
}

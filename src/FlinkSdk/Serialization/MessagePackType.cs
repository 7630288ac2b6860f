using System.Diagnostics.CodeAnalysis;

namespace FlinkSdk.Serialization;

/// <summary>The family of a MessagePack value, as <see cref="MessagePackReader.PeekType"/> reports it.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The MessagePack specification's type names.")]
public enum MessagePackType
{
    /// <summary>The byte <c>0xc1</c>, which the specification never uses: the input is malformed.</summary>
    Unknown = 0,

    /// <summary><c>nil</c>.</summary>
    Nil,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>Any integer format: positive or negative fixint, uint 8..64, int 8..64.</summary>
    Integer,

    /// <summary><c>float 32</c> or <c>float 64</c>.</summary>
    Float,

    /// <summary>UTF-8 text: fixstr, str 8, str 16, str 32.</summary>
    String,

    /// <summary>Bytes: bin 8, bin 16, bin 32.</summary>
    Binary,

    /// <summary>fixarray, array 16, array 32.</summary>
    Array,

    /// <summary>fixmap, map 16, map 32.</summary>
    Map,

    /// <summary>fixext 1..16, ext 8, ext 16, ext 32 (including the timestamp extension, type -1).</summary>
    Extension,
}
